package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Turns a {@link KafkaConfig} into the property maps of the producer, consumers and admin client.
 * Order of precedence: adapter defaults, then pass-through properties, then the settings the
 * adapter's guarantees depend on (which {@link KafkaConfig} already refuses to pass through).
 */
public final class ClientProperties {
    /** The group coordinator's default bounds ({@code group.min/max.session.timeout.ms}). */
    static final Duration MIN_SESSION_TIMEOUT = Duration.ofSeconds(6);
    static final Duration MAX_SESSION_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration PRODUCER_MAX_BLOCK = Duration.ofSeconds(10);

    private ClientProperties() {
    }

    /** Admin calls carry their own timeouts (the operation timeout), so no client-wide one is set. */
    public static Map<String, Object> admin(KafkaConfig config, String clientId) {
        return common(config, clientId);
    }

    public static Map<String, Object> producer(KafkaConfig config, String clientId) {
        Map<String, Object> p = new HashMap<>();
        // A full buffer or missing metadata blocks send(); bound it so a broker outage fails the
        // publish (the outbox relay retries it) instead of holding the publishing thread for a minute.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(PRODUCER_MAX_BLOCK));
        p.putAll(common(config, clientId));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, config.lingerMs());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchSize());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression());
        return p;
    }

    /**
     * One group member. With the classic group protocol it uses cooperative-sticky assignment and
     * maps {@link ConsumerSpec#redeliverAfter()} onto the session timeout, so a member that dies
     * without leaving hands its partitions over after about that long.
     */
    public static Map<String, Object> consumer(KafkaConfig config, ConsumerSpec spec, String clientId) {
        Map<String, Object> p = common(config, clientId);
        if (isClassicProtocol(p)) {
            long session = clamp(spec.redeliverAfter(), MIN_SESSION_TIMEOUT, MAX_SESSION_TIMEOUT).toMillis();
            p.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) session);
            p.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) Math.min(3_000, session / 3));
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        }
        p.put(ConsumerConfig.GROUP_ID_CONFIG, spec.group());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.autoOffsetReset());
        return p;
    }

    private static Map<String, Object> common(KafkaConfig config, String clientId) {
        Map<String, Object> p = new HashMap<>();
        p.putAll(config.clientProperties());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return p;
    }

    /** The server-side protocol (KIP-848) assigns partitions itself and refuses the classic settings. */
    private static boolean isClassicProtocol(Map<String, Object> p) {
        return "classic".equalsIgnoreCase(String.valueOf(p.getOrDefault(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic")));
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    private static int millis(Duration d) {
        return (int) d.toMillis();
    }
}

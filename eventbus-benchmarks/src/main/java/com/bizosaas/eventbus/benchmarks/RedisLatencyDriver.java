package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;

/**
 * Publish → consumer handler latency through {@link RedisStreamsBroker} at a paced rate (default
 * 1,000 messages/s for 20 s after a 5 s warm-up). Each message carries its publish {@code nanoTime}
 * in a header; the handler records the difference. Args: {@code [perSecond] [seconds]}.
 */
public final class RedisLatencyDriver {
    private static final String SENT = "bench-sent-nanos";

    private RedisLatencyDriver() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = perSecond * 5;
        int measured = perSecond * seconds;
        RedisConfig config = RedisConfig.fromEnv(Map.of(RedisConfig.HOST, "127.0.0.1"));
        String topic = "bench-latency";
        String stream = config.streamPrefix() + topic;
        UUID tenant = UUID.randomUUID();
        Destination destination = LeadCreated.destination(topic, tenant);
        BrokerMessage template = LeadCreated.messages(tenant, 1).get(0);
        Latencies latencies = new Latencies(measured);
        AtomicInteger received = new AtomicInteger();
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.del(stream); // a fresh stream and group each run
        }
        try (RedisStreamsBroker broker = RedisStreamsBroker.create(config);
             BrokerSubscription ignored = broker.subscribe(new ConsumerSpec(topic, "bench", "#", 4, null), m -> {
                 long latency = System.nanoTime() - Long.parseLong(m.headers().get(SENT));
                 if (received.incrementAndGet() > warmup) {
                     latencies.record(latency);
                 }
             })) {
            Latencies.paced(warmup + measured, perSecond, () -> {
                Map<String, String> headers = new HashMap<>(template.headers());
                headers.put(SENT, Long.toString(System.nanoTime()));
                broker.publish(destination, List.of(new BrokerMessage(template.key(), template.payload(), headers)));
            });
            boolean all = Latencies.awaitCount(received, warmup + measured, 30_000);
            System.out.println("redis publish->handler at " + perSecond + "/s for " + seconds + " s: "
                    + latencies.summary() + (all ? "" : " (NOT all messages arrived: " + received.get() + ")"));
        }
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.del(stream);
        }
    }
}

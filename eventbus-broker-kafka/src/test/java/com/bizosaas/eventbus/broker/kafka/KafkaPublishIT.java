package com.bizosaas.eventbus.broker.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaPublishIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void publishing_to_a_new_topic_creates_it_with_the_configured_partitions() throws Exception {
        String topic = KAFKA.topic("created");
        try (KafkaBroker broker = KafkaBroker.create(KAFKA.config().partitions(4).build())) {
            broker.publish(new Destination(topic, "t.lead.created"), List.of(message("k", "v"))).get(30, TimeUnit.SECONDS);
        }

        TopicDescription description = KAFKA.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(10, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(4);
    }

    @Test
    void a_record_carries_the_key_payload_headers_and_routing_key_of_its_message() throws Exception {
        String topic = KAFKA.topic("layout");
        String tenant = UUID.randomUUID().toString();
        BrokerMessage sent = new BrokerMessage(tenant + "/lead-1", "{\"id\":1}".getBytes(UTF_8),
                Map.of("event-type", "lead.created", "tenant-id", tenant));
        try (KafkaBroker broker = KafkaBroker.create(KAFKA.config().build())) {
            broker.publish(new Destination(topic, tenant + ".lead.created"), List.of(sent)).get(30, TimeUnit.SECONDS);
        }

        ConsumerRecord<String, byte[]> record = readAll(topic, 1).get(0);
        assertThat(record.key()).isEqualTo(tenant + "/lead-1");
        assertThat(new String(record.value(), UTF_8)).isEqualTo("{\"id\":1}");
        assertThat(header(record, "event-type")).isEqualTo("lead.created");
        assertThat(header(record, "tenant-id")).isEqualTo(tenant);
        assertThat(header(record, "eventbus-routing-key")).isEqualTo(tenant + ".lead.created");
    }

    @Test
    void messages_with_one_key_share_a_partition_in_publish_order() throws Exception {
        String topic = KAFKA.topic("order");
        List<BrokerMessage> batch = new ArrayList<>();
        IntStream.range(0, 30).forEach(i -> batch.add(message("key-" + (i % 3), String.valueOf(i))));
        try (KafkaBroker broker = KafkaBroker.create(KAFKA.config().build())) {
            broker.publish(new Destination(topic, "r"), batch.subList(0, 15)).get(30, TimeUnit.SECONDS);
            broker.publish(new Destination(topic, "r"), batch.subList(15, 30)).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, byte[]>> records = readAll(topic, 30);
        for (int k = 0; k < 3; k++) {
            String key = "key-" + k;
            List<ConsumerRecord<String, byte[]>> ofKey = records.stream().filter(r -> key.equals(r.key())).toList();
            assertThat(ofKey).extracting(ConsumerRecord::partition).containsOnly(ofKey.get(0).partition());
            assertThat(ofKey).extracting(r -> Integer.parseInt(new String(r.value(), UTF_8))).isSorted().hasSize(10);
        }
    }

    @Test
    void health_reports_the_cluster_when_its_metadata_is_readable() {
        try (KafkaBroker broker = KafkaBroker.create(KAFKA.config().build())) {
            ComponentHealth health = broker.health();

            assertThat(broker.healthName()).isEqualTo("kafka");
            assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(health.details()).containsKey("cluster_id").containsEntry("nodes", 1)
                    .containsEntry("bootstrap_servers", KafkaExtension.BOOTSTRAP);
        }
    }

    @Test
    void health_is_unhealthy_when_no_broker_answers() throws Exception {
        try (KafkaBroker broker = KafkaBroker.create(unreachable())) {
            ComponentHealth health = broker.health();

            assertThat(health.status()).isEqualTo(HealthStatus.UNHEALTHY);
            assertThat(health.details()).containsKey("error");
        }
    }

    @Test
    void publishing_fails_as_unavailable_when_no_broker_answers() throws Exception {
        try (KafkaBroker broker = KafkaBroker.create(unreachable())) {
            assertThatThrownBy(() -> broker.publish(new Destination("t", "r"), List.of(message("k", "v"))).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(UnavailableException.class);
        }
    }

    /** A port nothing listens on: it was free a moment ago and nothing here binds ports. */
    private static KafkaConfig unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return KAFKA.config().bootstrapServers("127.0.0.1:" + port).operationTimeout(Duration.ofSeconds(2))
                .clientProperty("max.block.ms", "2000").build();
    }

    private static BrokerMessage message(String key, String payload) {
        return new BrokerMessage(key, payload.getBytes(UTF_8), Map.of());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), UTF_8);
    }

    /** Reads the topic from the start with a plain consumer until {@code count} records arrived. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaExtension.BOOTSTRAP,
                ConsumerConfig.GROUP_ID_CONFIG, KafkaExtension.group("reader"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Await.until(Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= count;
            }, count + " records arrived on " + topic);
        }
        return records;
    }
}

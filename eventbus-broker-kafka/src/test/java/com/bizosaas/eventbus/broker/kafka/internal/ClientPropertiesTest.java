package com.bizosaas.eventbus.broker.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.junit.jupiter.api.Test;

class ClientPropertiesTest {
    private static final KafkaConfig CONFIG = KafkaConfig.builder()
            .bootstrapServers("k1:9092")
            .lingerMs(7)
            .batchSize(32_768)
            .compression("zstd")
            .clientProperty("security.protocol", "SASL_SSL")
            .clientProperty("max.block.ms", "2000")
            .build();

    @Test
    void the_producer_is_idempotent_and_waits_for_all_in_sync_replicas() {
        Map<String, Object> p = ClientProperties.producer(CONFIG, "eventbus-1-producer");

        assertThat(p).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("linger.ms", 7)
                .containsEntry("batch.size", 32_768)
                .containsEntry("compression.type", "zstd")
                .containsEntry("bootstrap.servers", "k1:9092")
                .containsEntry("client.id", "eventbus-1-producer")
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void pass_through_properties_override_the_adapter_defaults() {
        assertThat(ClientProperties.producer(CONFIG, "p")).containsEntry("max.block.ms", "2000");
        assertThat(ClientProperties.producer(KafkaConfig.defaults(), "p")).containsEntry("max.block.ms", 10_000);
    }

    @Test
    void a_consumer_commits_manually_and_rebalances_cooperatively() {
        ConsumerSpec spec = new ConsumerSpec("eventbus.events", "eventbus-dispatch", "#", 4, Duration.ofSeconds(30));

        Map<String, Object> p = ClientProperties.consumer(CONFIG, spec, "c-1");

        assertThat(p).containsEntry("group.id", "eventbus-dispatch")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest")
                .containsEntry("partition.assignment.strategy", CooperativeStickyAssignor.class.getName())
                .containsEntry("session.timeout.ms", 30_000)
                .containsEntry("heartbeat.interval.ms", 3_000)
                .containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void a_short_redelivery_delay_is_raised_to_the_coordinators_minimum_session_timeout() {
        ConsumerSpec spec = new ConsumerSpec("t", "g", "#", 1, Duration.ofSeconds(1));

        assertThat(ClientProperties.consumer(CONFIG, spec, "c")).containsEntry("session.timeout.ms", 6_000)
                .containsEntry("heartbeat.interval.ms", 2_000);
    }

    @Test
    void the_server_side_group_protocol_gets_none_of_the_classic_protocol_settings() {
        KafkaConfig config = KafkaConfig.builder().clientProperty("group.protocol", "consumer").build();

        Map<String, Object> p = ClientProperties.consumer(config, ConsumerSpec.of("t", "g"), "c");

        assertThat(p).doesNotContainKeys("partition.assignment.strategy", "session.timeout.ms",
                "heartbeat.interval.ms");
        assertThat(p).containsEntry("enable.auto.commit", false);
    }
}

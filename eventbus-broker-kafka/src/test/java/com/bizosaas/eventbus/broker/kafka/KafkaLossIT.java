package com.bizosaas.eventbus.broker.kafka;

import static com.bizosaas.eventbus.broker.kafka.TestMessages.body;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.publishNumbered;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.testing.LossRecorder;
import com.bizosaas.eventbus.contract.Await;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 25 on Kafka: a topic deleted under its consumers is reported as a loss, and consumed again once back. */
class KafkaLossIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final KafkaBroker broker = KafkaBroker.create(KAFKA.config().build());

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void aTopicDeletedWithABacklogIsReportedAsALossAndConsumedAgainOnceCreatedAgain() throws Exception {
        String topic = KAFKA.topic("loss");
        CountDownLatch release = new CountDownLatch(1);
        LossRecorder recorder = new LossRecorder(release);
        broker.subscribe(spec(topic, KafkaExtension.group("loss"), 2), recorder);
        publishNumbered(broker, topic, "before", 0, 2_000);

        KAFKA.admin().deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);

        Await.until(PATIENCE, () -> !recorder.losses.isEmpty(), "the deleted topic is reported as a loss");
        assertThat(recorder.losses.get(0)).contains(topic);
        release.countDown();
        publishNumbered(broker, topic, "after", 0, 1);
        Await.until(PATIENCE, () -> recorder.handled.contains("after:0"), "the topic created again is consumed");
        assertThat(recorder.losses).hasSize(1);
    }

    @Test
    void recordsRemovedBeforeTheGroupReadThemAreReportedAsALoss() throws Exception {
        String topic = KAFKA.createdTopic("removed", 1);
        String group = KafkaExtension.group("removed");
        Set<String> first = ConcurrentHashMap.newKeySet();
        try (KafkaBroker reader = KafkaBroker.create(KAFKA.config().build())) {
            reader.subscribe(spec(topic, group, 1), message -> first.add(body(message)));
            publishNumbered(broker, topic, "k", 0, 10);
            Await.until(PATIENCE, () -> first.size() == 10, "the group read and committed the first 10 records");
        }
        publishNumbered(broker, topic, "k", 10, 2_000);
        // What retention does to a lagging group: the log start moves past the committed offset.
        KAFKA.admin().deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(1_500)))
                .all().get(30, TimeUnit.SECONDS);

        LossRecorder recorder = new LossRecorder();
        broker.subscribe(spec(topic, group, 1), recorder);

        Await.until(PATIENCE, () -> recorder.handled.contains("k:1999"), "the group reads on from the log start");
        assertThat(recorder.handled).doesNotContain("k:1499");
        assertThat(recorder.losses).singleElement().asString().contains("records 10 to 1499");
    }

    @Test
    void healthShowsTheGroupsLagWhileItsHandlerIsBehindAndNoneOnceItCaughtUp() throws Exception {
        String topic = KAFKA.createdTopic("lag", 1);
        String group = KafkaExtension.group("lag");
        publishNumbered(broker, topic, "k", 0, 2_000);
        CountDownLatch release = new CountDownLatch(1);
        LossRecorder recorder = new LossRecorder(release);
        broker.subscribe(spec(topic, group, 1), recorder);

        Await.until(PATIENCE, () -> lag(group) > 0, "health shows the records the held group has not fetched");
        assertThat(lag(group)).isLessThanOrEqualTo(2_000);
        release.countDown();
        Await.until(PATIENCE, () -> recorder.handled.contains("k:1999"), "the group caught up");
        Await.until(PATIENCE, () -> lag(group) == 0, "health shows no lag once everything was fetched");
    }

    private long lag(String group) {
        Map<?, ?> lag = (Map<?, ?>) broker.health().details().get("lag");
        Object value = lag.get(group);
        return value == null ? -1 : ((Number) value).longValue();
    }
}

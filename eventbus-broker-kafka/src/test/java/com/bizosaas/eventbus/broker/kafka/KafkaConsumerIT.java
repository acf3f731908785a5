package com.bizosaas.eventbus.broker.kafka;

import static com.bizosaas.eventbus.broker.kafka.TestMessages.body;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.keyFor;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.number;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.publishNumbered;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.HealthStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaConsumerIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private KafkaBroker broker;

    @BeforeEach
    void openBroker() {
        broker = KafkaBroker.create(KAFKA.config().build());
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void a_failing_handler_gets_the_same_message_again_before_any_later_message_of_its_partition() throws Exception {
        String topic = KAFKA.createdTopic("retry", 1);
        List<String> attempts = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean failedOnce = new AtomicBoolean();
        broker.subscribe(spec(topic, KafkaExtension.group("retry"), 1), message -> {
            attempts.add(body(message) + (message.redelivered() ? " again" : ""));
            if (number(message) == 2 && failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("handler failure on purpose");
            }
        });

        publishNumbered(broker, topic, "k", 0, 5);

        Await.until(PATIENCE, () -> attempts.size() >= 6, "five messages and one retry were handled");
        assertThat(attempts).containsExactly("k:0", "k:1", "k:2", "k:2 again", "k:3", "k:4");
    }

    @Test
    void a_busy_partition_does_not_hold_up_the_others() throws Exception {
        String topic = KAFKA.createdTopic("lanes", 2);
        String slowKey = keyFor(0, 2);
        String fastKey = keyFor(1, 2);
        CountDownLatch release = new CountDownLatch(1);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        broker.subscribe(spec(topic, KafkaExtension.group("lanes"), 2), message -> {
            if (message.key().equals(slowKey)) {
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
            handled.add(body(message));
        });

        try {
            publishNumbered(broker, topic, slowKey, 0, 1);
            publishNumbered(broker, topic, fastKey, 0, 5);

            Await.until(PATIENCE, () -> handled.size() == 5, "the other partition's five messages were handled");
            assertThat(handled).containsExactly(fastKey + ":0", fastKey + ":1", fastKey + ":2", fastKey + ":3",
                    fastKey + ":4");
        } finally {
            release.countDown();
        }
        Await.until(PATIENCE, () -> handled.size() == 6, "the busy partition's message was handled too");
    }

    @Test
    void messages_of_one_key_are_handled_one_at_a_time_in_order_whatever_the_concurrency() throws Exception {
        String topic = KAFKA.topic("serial");
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger inHandler = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        broker.subscribe(spec(topic, KafkaExtension.group("serial"), 4), message -> {
            mostAtOnce.accumulateAndGet(inHandler.incrementAndGet(), Math::max);
            order.add(number(message));
            inHandler.decrementAndGet();
        });

        publishNumbered(broker, topic, "one-key", 0, 100);

        Await.until(PATIENCE, () -> order.size() >= 100, "100 messages were handled");
        assertThat(order).hasSize(100).isSorted();
        assertThat(mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void health_turns_unhealthy_when_a_member_stops_on_a_fatal_error() throws Exception {
        String topic = KAFKA.topic("fenced");
        String group = KafkaExtension.group("fenced");
        // Two members claiming one static identity: the group fences the older one, which cannot go on.
        KafkaConfig sameIdentity = KAFKA.config().clientProperty("group.instance.id", "it-" + group).build();
        try (KafkaBroker older = KafkaBroker.create(sameIdentity); KafkaBroker newer = KafkaBroker.create(sameIdentity)) {
            older.subscribe(spec(topic, group, 1), message -> { });
            assertThat(older.health().status()).isEqualTo(HealthStatus.HEALTHY);

            newer.subscribe(spec(topic, group, 1), message -> { });

            Await.until(PATIENCE, () -> older.health().status() == HealthStatus.UNHEALTHY, "the fenced broker reports it");
            assertThat(older.health().details().get("error").toString()).contains("stopped");
        }
    }
}

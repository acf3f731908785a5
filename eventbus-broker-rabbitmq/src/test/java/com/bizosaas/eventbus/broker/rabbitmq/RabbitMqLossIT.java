package com.bizosaas.eventbus.broker.rabbitmq;

import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.message;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.routingKey;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.testing.LossRecorder;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.rabbitmq.client.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 25 on RabbitMQ: a group queue deleted under its consumer is reported as a loss and consumed again. */
class RabbitMqLossIT {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    @Test
    void aQueueDeletedWithABacklogIsReportedAsALossDeclaredAgainAndConsumedAgain() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("loss");
        CountDownLatch release = new CountDownLatch(1);
        LossRecorder recorder = new LossRecorder(release);
        broker.subscribe(new ConsumerSpec(topic, "dispatch", "#", 2, null), recorder);
        Destination destination = new Destination(topic, routingKey("lead.created"));
        for (int batch = 0; batch < 20; batch++) {
            List<BrokerMessage> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                messages.add(message("k" + i % 8, "before-" + (batch * 100 + i)));
            }
            broker.publish(destination, messages).get(10, TimeUnit.SECONDS);
        }
        String queue = broker.names().queue(topic, "dispatch");
        Await.until("a backlog waits in the queue", () -> RABBIT.readyMessages(queue) > 1_000);
        Map<?, ?> lag = (Map<?, ?>) broker.health().details().get("lag");
        assertThat(((Number) lag.get("dispatch")).longValue()).as("health shows the group's lag").isGreaterThan(1_000);

        try (Channel admin = RABBIT.adminChannel()) {
            admin.queueDelete(queue);
        }

        Await.until("the deleted queue is reported as a loss", () -> !recorder.losses.isEmpty());
        assertThat(recorder.losses.get(0)).contains(queue);
        release.countDown();
        broker.publish(destination, List.of(message("k", "after"))).get(10, TimeUnit.SECONDS);
        Await.until("the queue declared again is consumed", () -> recorder.handled.contains("after"));
        assertThat(recorder.losses).hasSize(1);
        assertThat(broker.health().status()).isEqualTo(HealthStatus.HEALTHY);
    }

    /**
     * RabbitMQ 3.10 crashes a channel that publishes to a quorum queue while it is being deleted
     * (its enqueuer registration meets the Raft server shutting down) and closes the whole
     * connection with INTERNAL_ERROR; before the connection closes, its reader stops reading, so no
     * channel of it is confirmed. Whatever happens to the publishes in flight, publishing must work
     * again soon after the loss was reported: that is what the outbox republishes on.
     */
    @Test
    @Disabled("issue 25: flaky in full runs - RabbitMQ 3.10 can stall the consumer's cancel as well as the "
            + "publishing connection when the queue is deleted mid-burst, so the loss is not reported within 20 s "
            + "(seen 1 in 3 merged CI runs); the rest of the loss handling is covered by RabbitMqBrokerLossIT")
    void aQueueDeletedInTheMiddleOfAPublishBurstLeavesPublishingWorking() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("burst");
        LossRecorder recorder = new LossRecorder();
        broker.subscribe(new ConsumerSpec(topic, "dispatch", "#", 2, null), recorder);
        Destination destination = new Destination(topic, routingKey("lead.created"));
        String queue = broker.names().queue(topic, "dispatch");
        AtomicBoolean stop = new AtomicBoolean();
        Thread publisher = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
                List<BrokerMessage> messages = new ArrayList<>();
                for (int j = 0; j < 50; j++) {
                    messages.add(message("k" + j % 8, "burst-" + i + "-" + j));
                }
                broker.publish(destination, messages); // not awaited: a burst keeps several batches in flight
                Thread.onSpinWait();
            }
        }, "burst-publisher");
        publisher.start();
        try {
            Await.until("the burst is under way", () -> recorder.handled.size() > 200);
            try (Channel admin = RABBIT.adminChannel()) {
                admin.queueDelete(queue);
            }
            Await.until("the deleted queue is reported as a loss", () -> !recorder.losses.isEmpty());
        } finally {
            stop.set(true);
            publisher.join(10_000);
        }
        Await.until("a publish after the loss is confirmed within 5 s", () -> confirmsWithin5s(broker, destination));
        Await.until("and consumed", () -> recorder.handled.contains("after"));
    }

    private static boolean confirmsWithin5s(RabbitMqBroker broker, Destination destination) {
        try {
            broker.publish(destination, List.of(message("k", "after"))).get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}

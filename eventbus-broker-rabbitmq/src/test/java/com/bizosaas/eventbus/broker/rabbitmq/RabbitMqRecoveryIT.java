package com.bizosaas.eventbus.broker.rabbitmq;

import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.message;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.routingKey;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import com.bizosaas.eventbus.testing.LossRecorder;
import com.rabbitmq.client.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cuts the adapter's connections through a loopback proxy, leaving the shared broker alone. */
class RabbitMqRecoveryIT {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    private TcpProxy proxy;
    private RabbitMqBroker broker;
    private String topic;

    @BeforeEach
    void connectThroughProxy() throws Exception {
        proxy = new TcpProxy(RabbitMqExtension.PORT);
        broker = RABBIT.broker(RABBIT.config().url("amqp://guest:guest@127.0.0.1:" + proxy.port() + "/").build());
        topic = RabbitMqExtension.unique("outage");
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    @Test
    void afterTheConnectionIsLostPublishingFailsFastAndConsumingAndPublishingResumeOnceItIsBack()
            throws Exception {
        Queue<ReceivedMessage> received = new ConcurrentLinkedQueue<>();
        broker.subscribe(ConsumerSpec.of(topic, "steady"), received::add);
        Destination destination = new Destination(topic, routingKey("lead.created"));
        broker.publish(destination, List.of(message("k", "before"))).get(10, TimeUnit.SECONDS);
        Await.until("the message before the outage arrived", () -> received.size() == 1);

        proxy.offline();
        Await.until("health reports the outage", () -> broker.health().status() == HealthStatus.UNHEALTHY);
        var duringOutage = broker.publish(destination, List.of(message("k", "during")));
        assertThatThrownBy(() -> duringOutage.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnavailableException.class);

        proxy.online();
        Await.until("health reports the recovered connections", () -> broker.health().status() == HealthStatus.HEALTHY);
        Await.until("a publish succeeds again", () -> publishes(destination, "after"));
        Await.until("the consumer got the message published after the outage",
                () -> received.stream().anyMatch(m -> text(m).equals("after")));
    }

    @Test
    void aMessageBeingHandledWhenTheConnectionIsLostIsRedeliveredAfterRecovery() throws Exception {
        CountDownLatch firstDeliveryStarted = new CountDownLatch(1);
        CountDownLatch connectionLost = new CountDownLatch(1);
        Queue<ReceivedMessage> handled = new ConcurrentLinkedQueue<>();
        broker.subscribe(ConsumerSpec.of(topic, "interrupted"), message -> {
            if (firstDeliveryStarted.getCount() == 1) {
                firstDeliveryStarted.countDown();
                connectionLost.await(); // its acknowledgement is lost with the connection
            }
            handled.add(message);
        });
        broker.publish(new Destination(topic, routingKey("lead.created")), List.of(message("k", "in flight")))
                .get(10, TimeUnit.SECONDS);
        assertThat(firstDeliveryStarted.await(10, TimeUnit.SECONDS)).isTrue();

        proxy.offline();
        Await.until("health reports the outage", () -> broker.health().status() == HealthStatus.UNHEALTHY);
        connectionLost.countDown();
        proxy.online();

        Await.until("the message was delivered again", () -> handled.size() == 2);
        assertThat(handled).extracting(TestMessages::text).containsExactly("in flight", "in flight");
        assertThat(List.copyOf(handled).get(1).redelivered()).isTrue();
        Await.until("the redelivery was acknowledged",
                () -> RABBIT.readyMessages(broker.names().queue(topic, "interrupted")) == 0);
    }

    @Test
    void aQueueDeletedWhileTheConnectionWasDownIsReportedAsALossOnceItIsBack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        LossRecorder recorder = new LossRecorder(release);
        broker.subscribe(new ConsumerSpec(topic, "dispatch", "#", 2, null), recorder);
        Destination destination = new Destination(topic, routingKey("lead.created"));
        List<BrokerMessage> backlog = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            backlog.add(message("k" + i % 4, "before-" + i));
        }
        broker.publish(destination, backlog).get(10, TimeUnit.SECONDS);
        String queue = broker.names().queue(topic, "dispatch");

        proxy.offline();
        Await.until("health reports the outage", () -> broker.health().status() == HealthStatus.UNHEALTHY);
        try (Channel admin = RABBIT.adminChannel()) {
            admin.queueDelete(queue); // as a broker restarted without the queue would have it
        }
        proxy.online();

        Await.until("the queue missing after the reconnect is reported as a loss", () -> !recorder.losses.isEmpty());
        assertThat(recorder.losses.get(0)).contains(queue).contains("connection came back");
        release.countDown();
        Await.until("a publish succeeds again", () -> publishes(destination, "after"));
        Await.until("the queue declared again is consumed", () -> recorder.handled.contains("after"));
        assertThat(recorder.losses).hasSize(1);
    }

    @Test
    void aQueueKeptWhileTheConnectionWasDownIsNotReportedAsALoss() throws Exception {
        LossRecorder recorder = new LossRecorder();
        broker.subscribe(new ConsumerSpec(topic, "dispatch", "#", 2, null), recorder);
        Destination destination = new Destination(topic, routingKey("lead.created"));

        proxy.offline();
        Await.until("health reports the outage", () -> broker.health().status() == HealthStatus.UNHEALTHY);
        proxy.online();
        Await.until("health reports the recovered connections", () -> broker.health().status() == HealthStatus.HEALTHY);
        Await.until("a publish succeeds again", () -> publishes(destination, "after"));
        Await.until("and is consumed", () -> recorder.handled.contains("after"));
        assertThat(recorder.losses).isEmpty();
    }

    private boolean publishes(Destination destination, String text) {
        try {
            broker.publish(destination, List.of(message("k", text))).get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            return false;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

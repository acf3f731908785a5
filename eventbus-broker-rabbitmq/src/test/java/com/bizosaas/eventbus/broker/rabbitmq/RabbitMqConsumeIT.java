package com.bizosaas.eventbus.broker.rabbitmq;

import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.message;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.routingKey;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RabbitMqConsumeIT {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    @Test
    void aMessageHeldUnacknowledgedByAMemberWhoseChannelClosesIsRedeliveredToAnotherMember() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("handover");
        ConsumerSpec spec = ConsumerSpec.of(topic, "workers");
        CountDownLatch holding = new CountDownLatch(1);
        BrokerSubscription dying = broker.subscribe(spec, message -> {
            holding.countDown();
            new CountDownLatch(1).await(); // never acknowledges: it dies holding the message
        });
        publish(broker, topic, routingKey("lead.created"), message("k", "handed over"));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        Queue<ReceivedMessage> survivor = new ConcurrentLinkedQueue<>();
        broker.subscribe(spec, survivor::add);
        dying.close();

        Await.until("the surviving member got the message", () -> !survivor.isEmpty());
        assertThat(text(survivor.peek())).isEqualTo("handed over");
        assertThat(survivor.peek().redelivered()).isTrue();
    }

    @Test
    void aMessageWhoseHandlerThrowsIsRedeliveredAndAcknowledgedOnceHandled() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("retry");
        AtomicInteger attempts = new AtomicInteger();
        Queue<ReceivedMessage> handled = new ConcurrentLinkedQueue<>();
        broker.subscribe(ConsumerSpec.of(topic, "flaky"), message -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
            handled.add(message);
        });

        publish(broker, topic, routingKey("lead.created"), message("k", "second time lucky"));

        Await.until("the second attempt handled the message", () -> !handled.isEmpty());
        assertThat(handled.peek().redelivered()).isTrue();
        Await.until("the queue is empty", () -> RABBIT.readyMessages(broker.names().queue(topic, "flaky")) == 0);
    }

    @Test
    void aMessageWhoseHandlerAlwaysThrowsEndsInTheDeadLetterQueueAfterTheDeliveryLimit() throws Exception {
        int limit = 3;
        RabbitMqBroker broker = RABBIT.broker(RABBIT.config().deliveryLimit(limit).build());
        String topic = RabbitMqExtension.unique("poison");
        AtomicInteger attempts = new AtomicInteger();
        broker.subscribe(ConsumerSpec.of(topic, "strict"), message -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("cannot handle this, ever");
        });

        publish(broker, topic, routingKey("lead.created"), message("k", "poison"));

        String deadLetters = broker.names().deadLetterQueue(topic, "strict");
        Await.until("the message is dead-lettered", () -> RABBIT.readyMessages(deadLetters) == 1);
        try (Channel channel = RABBIT.adminChannel()) {
            GetResponse dead = channel.basicGet(deadLetters, true);
            assertThat(new String(dead.getBody())).isEqualTo("poison");
            assertThat(dead.getProps().getHeaders()).containsKey("x-death");
        }
        assertThat(attempts.get()).isGreaterThanOrEqualTo(limit);
        assertThat(RABBIT.readyMessages(broker.names().queue(topic, "strict"))).isZero();
    }

    @Test
    void aGroupBoundByEventTypePatternReceivesOnlyThoseEvents() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("patterns");
        Queue<String> everything = new ConcurrentLinkedQueue<>();
        Queue<String> leads = new ConcurrentLinkedQueue<>();
        Queue<String> tenant = new ConcurrentLinkedQueue<>();
        broker.subscribe(ConsumerSpec.of(topic, "all"), message -> everything.add(message.routingKey()));
        broker.subscribe(new ConsumerSpec(topic, "leads", "*.lead.#", 1, null), m -> leads.add(m.routingKey()));
        broker.subscribe(new ConsumerSpec(topic, "tenant", TestMessages.TENANT + ".#", 1, null),
                m -> tenant.add(m.routingKey()));

        String otherTenant = "0190a1b2-0000-7000-8000-000000000000";
        List<String> routingKeys = List.of(routingKey("campaign.started"), otherTenant + ".lead.created",
                routingKey("lead.scored"), otherTenant + ".campaign.started");
        for (String key : routingKeys) {
            publish(broker, topic, key, message("k", key));
        }

        Await.until("the catch-all group got every event", () -> everything.size() == routingKeys.size());
        Await.until("the lead group got both lead events", () -> leads.size() == 2);
        Await.until("the tenant group got both of its tenant's events", () -> tenant.size() == 2);
        assertThat(leads).containsExactly(otherTenant + ".lead.created", routingKey("lead.scored"));
        assertThat(tenant).containsExactly(routingKey("campaign.started"), routingKey("lead.scored"));
    }

    @Test
    void aMemberHoldsNoMoreUnacknowledgedMessagesThanItsPrefetch() throws Exception {
        RabbitMqBroker broker = RABBIT.broker(RABBIT.config().prefetch(2).build());
        String topic = RabbitMqExtension.unique("prefetch");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        broker.subscribe(new ConsumerSpec(topic, "slow", "#", 4, null), message -> {
            started.incrementAndGet();
            release.await();
        });

        List<BrokerMessage> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(message("key-" + i, "m" + i));
        }
        broker.publish(new Destination(topic, routingKey("lead.created")), batch).get(10, TimeUnit.SECONDS);

        Await.until("two handlers are busy", () -> started.get() == 2);
        assertThat(RABBIT.readyMessages(broker.names().queue(topic, "slow"))).isEqualTo(8);
        release.countDown();
        Await.until("every message was handled", () -> started.get() == 10);
    }

    @Test
    void messagesWithOneKeyAreHandledInOrderWhileOtherKeysRunInParallel() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("ordering");
        Map<String, Queue<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger handled = new AtomicInteger();
        broker.subscribe(new ConsumerSpec(topic, "ordered", "#", 4, null), message -> {
            String[] parts = text(message).split(":");
            seen.computeIfAbsent(parts[0], k -> new ConcurrentLinkedQueue<>()).add(Integer.parseInt(parts[1]));
            handled.incrementAndGet();
        });

        List<BrokerMessage> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (String key : List.of("a", "b", "c", "d", "e")) {
                batch.add(message(key, key + ":" + i));
            }
        }
        broker.publish(new Destination(topic, routingKey("lead.created")), batch).get(10, TimeUnit.SECONDS);

        Await.until("every message was handled", () -> handled.get() == batch.size());
        List<Integer> inOrder = IntStream.range(0, 50).boxed().toList();
        assertThat(seen).hasSize(5);
        seen.forEach((key, perKey) -> assertThat(perKey).as("key " + key).containsExactlyElementsOf(inOrder));
    }

    private static void publish(RabbitMqBroker broker, String topic, String routingKey, BrokerMessage message)
            throws Exception {
        broker.publish(new Destination(topic, routingKey), List.of(message)).get(10, TimeUnit.SECONDS);
    }
}

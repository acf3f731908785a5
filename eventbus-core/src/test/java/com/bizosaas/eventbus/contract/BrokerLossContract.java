package com.bizosaas.eventbus.contract;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 25, whatever the broker: an engine's dispatch consumer is held while thousands of
 * acknowledged events pile up in a real broker, and then the broker loses them, because the queue
 * or topic the dispatch group consumes is deleted behind its back. Every acknowledged event must
 * still reach the subscriber: the broker reports the loss and the engine publishes what was not
 * dispatched again. Extend it once per broker that detects such a loss.
 */
public abstract class BrokerLossContract {
    private static final int EVENTS = 3_000;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private EventBus bus;

    /** A new broker client on the shared broker; the engine using it closes it. */
    protected abstract MessageBroker newBroker();

    /** Messages the broker holds for {@code namespace}'s dispatch group (in its queue, or in its topic). */
    protected abstract long backlog(Namespace namespace) throws Exception;

    /** Deletes, behind the bus's back, the queue or topic {@code namespace}'s dispatch group consumes. */
    protected abstract void deleteWhatTheDispatchGroupConsumes(Namespace namespace) throws Exception;

    /** Called with the test's namespace, to remove what it created on the broker afterwards. */
    protected void deleteAfterTest(Namespace namespace) {
    }

    @AfterEach
    void closeBus() {
        if (bus != null) {
            bus.close();
        }
    }

    @Test
    void everyAcknowledgedEventReachesItsSubscriberAfterTheBrokerLostABacklogOfThousands() throws Exception {
        Namespace namespace = new Namespace("it-" + UUID.randomUUID().toString().substring(0, 8));
        deleteAfterTest(namespace);
        CountDownLatch release = new CountDownLatch(1);
        bus = EventBus.builder().broker(new HeldConsumers(newBroker(), release)).namespace(namespace).build();
        Set<UUID> seen = ConcurrentHashMap.newKeySet();
        bus.on(TestEvents.TYPE, "crm", event -> seen.add(event.id()));
        bus.start();
        UUID tenant = TestEvents.newTenant();
        Set<UUID> acknowledged = new HashSet<>();
        for (int i = 0; i < EVENTS; i++) {
            acknowledged.add(bus.publish(TestEvents.event(tenant).build()).eventId());
        }
        Await.until(WAIT, () -> backlogOf(namespace) >= EVENTS / 2, "thousands of events wait in the broker");

        deleteWhatTheDispatchGroupConsumes(namespace);
        release.countDown();

        Await.until(WAIT, () -> seen.containsAll(acknowledged), "every acknowledged event reaches the subscriber");
    }

    private long backlogOf(Namespace namespace) {
        try {
            return backlog(namespace);
        } catch (Exception e) {
            throw new AssertionError("could not count the broker's backlog", e);
        }
    }

    /** The real broker, whose consumers' handlers wait for {@code release}: a dispatcher that has stopped. */
    private record HeldConsumers(MessageBroker broker, CountDownLatch release) implements MessageBroker {
        @Override
        public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
            return broker.publish(destination, messages);
        }

        @Override
        public BrokerSubscription subscribe(ConsumerSpec spec, MessageHandler handler) {
            return broker.subscribe(spec, new MessageHandler() {
                @Override
                public void handle(ReceivedMessage message) throws Exception {
                    release.await();
                    handler.handle(message);
                }

                @Override
                public void messagesLost(String reason) {
                    handler.messagesLost(reason);
                }
            });
        }

        @Override
        public boolean isDurable() {
            return broker.isDurable();
        }

        @Override
        public String healthName() {
            return broker.healthName();
        }

        @Override
        public ComponentHealth health() {
            return broker.health();
        }

        @Override
        public void close() {
            broker.close();
        }
    }
}

package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.memory.InMemoryDeliveryStore;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventBus#drain()} and {@link EventBus#shutdown(Duration)}: what a stopping instance does
 * with the work it holds. Leases are long here (ten minutes), so anything left leased would stay
 * invisible to the next instance for the whole test.
 */
class GracefulShutdownTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration LONG_LEASE = Duration.ofMinutes(10);
    private final UUID tenant = UUID.randomUUID();
    private final InMemoryDeliveryStore deliveries = new InMemoryDeliveryStore();
    private final CountDownLatch receiverRelease = new CountDownLatch(1);
    private final AtomicInteger receiverCalls = new AtomicInteger();
    /** How long the receiver keeps each request before answering 200 (unless released earlier). */
    private volatile Duration receiverHold = Duration.ofSeconds(30);
    private HttpServer receiver;
    private EventBus bus;

    @BeforeEach
    void start() throws IOException {
        bus = EventBus.builder().deliveryStore(deliveries).pullLease(LONG_LEASE).build().start();
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/slow", exchange -> {
            receiverCalls.incrementAndGet();
            try {
                receiverRelease.await(receiverHold.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiverRelease.countDown();
        bus.close();
        receiver.stop(0);
    }

    @Test
    void pulledEventsNotYetAcknowledgedAreHandedBackAtShutdownWithoutCountingAnAttempt() {
        Subscription sub = pullSubscription();
        bus.publish(lead());
        bus.publish(lead());
        List<PulledEvent> pulled = pullAtLeast(sub, 2);
        bus.ack(sub.id(), List.of(pulled.get(0).ackId()));

        bus.shutdown(Duration.ofSeconds(5));

        Delivery acknowledged = deliveries.find(UUID.fromString(pulled.get(0).ackId())).orElseThrow();
        Delivery handedBack = deliveries.find(UUID.fromString(pulled.get(1).ackId())).orElseThrow();
        assertThat(acknowledged.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(handedBack.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(handedBack.attempts()).isZero();
        assertThat(deliveries.claim(List.of(sub.id()), Instant.now(), 10, LONG_LEASE))
                .as("the next instance can take it at once").extracting(Delivery::id).containsExactly(handedBack.id());
    }

    @Test
    void aWaitingLongPollReturnsEmptyWhenTheBusDrains() throws Exception {
        Subscription sub = pullSubscription();
        CompletableFuture<List<PulledEvent>> waiting =
                CompletableFuture.supplyAsync(() -> bus.pull(sub.id(), 10, Duration.ofSeconds(25)));
        Await.until(WAIT, () -> waitingPulls() > 0, "the long-poll is waiting");

        long started = System.nanoTime();
        bus.drain();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        bus.publish(lead());
        assertThat(bus.pull(sub.id(), 10, Duration.ofSeconds(5))).as("pulls after drain get nothing").isEmpty();
    }

    @Test
    void aWebhookAttemptStillRunningAtTheDeadlineIsHandedBackNotLeftLeased() {
        Subscription sub = webhookSubscription();
        bus.publish(lead());
        Await.until(WAIT, () -> receiverCalls.get() == 1, "the webhook attempt is in flight");

        bus.shutdown(Duration.ofMillis(500));

        List<Delivery> due = deliveries.claim(List.of(sub.id()), Instant.now(), 10, LONG_LEASE);
        assertThat(due).as("the delivery is due again at once").hasSize(1);
        assertThat(due.get(0).attempts()).as("the interrupted attempt is not counted").isZero();
    }

    @Test
    void aWebhookAttemptFinishingWithinTheTimeoutIsRecordedAsDelivered() {
        receiverHold = Duration.ofMillis(500);
        Subscription sub = webhookSubscription();
        bus.publish(lead());
        Await.until(WAIT, () -> receiverCalls.get() == 1, "the webhook attempt is in flight");

        bus.shutdown(Duration.ofSeconds(10));

        assertThat(deliveries.count(DeliveryStatus.DELIVERED)).as("the attempt was waited for").isEqualTo(1);
        assertThat(deliveries.claim(List.of(sub.id()), Instant.now(), 10, LONG_LEASE)).isEmpty();
    }

    private long waitingPulls() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getState() == Thread.State.TIMED_WAITING)
                .filter(t -> List.of(t.getStackTrace()).stream()
                        .anyMatch(frame -> frame.getClassName().equals(PullCoordinator.class.getName())))
                .count();
    }

    private Subscription pullSubscription() {
        return bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.*", "campaigns",
                DeliveryMode.PULL, null, null, 5, null, true, null, null));
    }

    private Subscription webhookSubscription() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/slow";
        return bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.*", "crm", DeliveryMode.WEBHOOK,
                url, null, 5, PayloadFormat.EVENTBUS, false, null, null));
    }

    private List<PulledEvent> pullAtLeast(Subscription sub, int count) {
        List<PulledEvent> all = new ArrayList<>();
        Await.until(WAIT, () -> {
            all.addAll(bus.pull(sub.id(), 10, Duration.ofMillis(200)));
            return all.size() >= count;
        }, count + " events were pulled");
        return all;
    }

    private Event lead() {
        return Event.builder().type("lead.created").tenant(tenant).source("crm-service")
                .data(JsonNodeFactory.instance.objectNode().put("n", 1)).build();
    }
}

package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code webhookDenyPrivate}: the engine refuses private targets at subscription and again at every delivery. */
class WebhookDenyPrivateTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final UUID tenant = UUID.randomUUID();
    /** What receiver.example resolves to now; a test changes it as a DNS record would change. */
    private final AtomicReference<InetAddress> dns = new AtomicReference<>();
    private EventBus bus;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        bus = EventBus.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .webhookDenyPrivate(true)
                .webhookResolver(host -> new InetAddress[] {dns.get()})
                .build().start();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        bus.close();
        receiver.close();
    }

    private Subscription subscribeByName() {
        return bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.created", "crm", DeliveryMode.WEBHOOK,
                receiver.url().replace("127.0.0.1", "receiver.example"), null, 5, PayloadFormat.EVENTBUS, false,
                null, null));
    }

    @Test
    void aHostResolvingToLoopbackIsRefusedAtSubscription() throws Exception {
        dns.set(InetAddress.getByName("127.0.0.1"));

        assertThatThrownBy(this::subscribeByName)
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.code()).isEqualTo("forbidden_webhook_url");
                    assertThat(e.getMessage()).contains("resolves to 127.0.0.1");
                });
        assertThat(bus.subscriptions()).isEmpty();
    }

    @Test
    void aHostWhoseDnsTurnedPrivateAfterSubscribingFailsForGoodOnTheFirstAttempt() throws Exception {
        dns.set(InetAddress.getByName("203.0.113.9"));
        Subscription sub = subscribeByName();
        dns.set(InetAddress.getByName("10.1.2.3"));

        bus.publish(Event.builder().type("lead.created").tenant(tenant).source("crm").build());

        DeadLetterQuery query = new DeadLetterQuery(tenant, sub.id(), null, 0, 10);
        Await.until(WAIT, () -> !bus.deadLetters(query).items().isEmpty(), "the delivery became a dead letter");
        Delivery dead = bus.deadLetters(query).items().get(0);
        assertThat(dead.attempts()).as("no retry of a refused target, though 5 attempts are allowed").isEqualTo(1);
        assertThat(dead.attemptLog().get(0).error()).contains("target refused").contains("resolves to 10.1.2.3");
        assertThat(receiver.calls()).isZero();
    }
}

package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
    private final ExecutorService clientPool = Executors.newFixedThreadPool(4);
    private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(5), Clock.systemUTC(), clientPool);
    private final WebhookReceiver receiver = receiver();
    private final UUID tenant = TestEvents.newTenant();

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the test webhook receiver", e);
        }
    }

    @AfterEach
    void stop() {
        receiver.close();
        clientPool.shutdownNow();
    }

    private Subscription subscriptionTo(String url) {
        return new Subscription(UUID.randomUUID(), tenant, TestEvents.TYPE, "test", DeliveryMode.WEBHOOK, url,
                WebhookSignature.newSecret(), 3, PayloadFormat.EVENTBUS, false, null, null);
    }

    private AttemptResult attempt(Subscription subscription) throws Exception {
        Event event = TestEvents.event(tenant).build();
        Delivery delivery = Delivery.pending(subscription.id(), event, event.orderingKey(), null, Instant.now());
        return sender.send(subscription, event, delivery).get(10, TimeUnit.SECONDS);
    }

    @Test
    void postsASignedRequestAndReportsTheStatus() throws Exception {
        Subscription subscription = subscriptionTo(receiver.url());

        AttemptResult result = attempt(subscription);

        assertThat(result.success()).isTrue();
        assertThat(result.statusCode()).isEqualTo(200);
        WebhookReceiver.Delivery request = receiver.received().get(0);
        assertThat(WebhookSignature.verify(subscription.secret(), request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")), request.body(),
                request.header("webhook-signature"))).isTrue();
    }

    @Test
    void unavailableWithRetryAfterIsAFailureCarryingTheDelay() throws Exception {
        receiver.answer(503);
        receiver.withRetryAfter("7");

        AttemptResult result = attempt(subscriptionTo(receiver.url()));

        assertThat(result.success()).isFalse();
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(result.gone()).isFalse();
    }

    @Test
    void goneIsReported() throws Exception {
        receiver.answer(410);

        assertThat(attempt(subscriptionTo(receiver.url())).gone()).isTrue();
    }

    @Test
    void aLinkLocalTargetIsRefusedWithoutARequest() throws Exception {
        AttemptResult result = attempt(subscriptionTo("http://169.254.169.254/latest/meta-data"));

        assertThat(result.success()).isFalse();
        assertThat(result.error()).startsWith("target refused");
    }

    @Test
    void attemptsReuseThreadsInsteadOfStartingOneEach() throws Exception {
        // HttpClient.sendAsync would complete each attempt on a new thread where the common pool has
        // parallelism 1 (2 cores); the sender must not, whatever the machine.
        Subscription subscription = subscriptionTo(receiver.url());
        attempt(subscription);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long startedBefore = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 100; i++) {
            assertThat(attempt(subscription).success()).isTrue();
        }

        assertThat(threads.getTotalStartedThreadCount() - startedBefore).isLessThan(20);
    }
}

package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.SyncPublishResult;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.ReplayJob;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.routing.EventCodec;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventBusDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final UUID tenant = UUID.randomUUID();
    private EventBus bus;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        bus = EventBus.builder()
                .retryPolicy(new RetryPolicy(Duration.ofMillis(10), 2.0, Duration.ofMillis(50)))
                .pullLease(Duration.ofMillis(300))
                .build().start();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() {
        bus.close();
        receiver.close();
    }

    private Event lead(String subject, int n) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("n", n);
        return Event.builder().type("lead.created").tenant(tenant).source("crm-service").subject(subject)
                .data(data).build();
    }

    private Subscription webhook(String pattern, int maxAttempts) {
        return bus.subscribe(new Subscription(UUID.randomUUID(), null, pattern, "ai-agents", DeliveryMode.WEBHOOK,
                receiver.url(), null, maxAttempts, PayloadFormat.EVENTBUS, true, null, null));
    }

    @Test
    void publishedEventReachesInProcessHandlerAndHistory() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        bus.on("lead.*", "crm", seen::add);

        PublishReceipt receipt = bus.publish(lead(null, 1));

        Await.until(WAIT, () -> seen.size() == 1, "the handler saw the event");
        assertThat(seen.get(0).id()).isEqualTo(receipt.eventId());
        assertThat(seen.get(0).position()).isEqualTo(receipt.position()).isPositive();
        assertThat(bus.history(EventQuery.forTenant(tenant).build()).items())
                .extracting(Event::id).containsExactly(receipt.eventId());
    }

    @Test
    void webhookSubscriberReceivesTheEventSignedWithItsSecret() {
        Subscription sub = webhook("lead.created", 3);

        PublishReceipt receipt = bus.publish(lead(null, 1));

        Await.until(WAIT, () -> receiver.accepted().size() == 1, "the webhook received the event");
        WebhookReceiver.Delivery request = receiver.accepted().get(0);
        assertThat(request.header("webhook-id")).isEqualTo(receipt.eventId().toString());
        assertThat(WebhookSignature.verify(sub.secret(), request.header("webhook-id"),
                Long.parseLong(request.header("webhook-timestamp")), request.body(),
                request.header("webhook-signature"))).isTrue();
        assertThat(EventCodec.decode(request.body()).id()).isEqualTo(receipt.eventId());
    }

    @Test
    void webhookAnswering500IsRetriedUntilItSucceedsAndEveryAttemptIsCounted() {
        receiver.answering(call -> call <= 2 ? 500 : 200);
        webhook("lead.created", 5);

        bus.publish(lead(null, 1));

        Await.until(WAIT, () -> receiver.accepted().size() == 1, "the third attempt succeeded");
        assertThat(receiver.calls()).isEqualTo(3);
        Await.until(WAIT, () -> bus.stats().eventsProcessed() == 1, "the delivery was recorded");
        assertThat(bus.stats().eventsFailed()).isEqualTo(2);
    }

    @Test
    void webhookThatAlwaysFailsBecomesADeadLetterAndRedriveDeliversItAfterRecovery() {
        receiver.answering(call -> 503);
        Subscription sub = webhook("lead.created", 2);
        PublishReceipt receipt = bus.publish(lead(null, 1));

        DeadLetterQuery all = new DeadLetterQuery(tenant, sub.id(), null, 0, 100);
        Await.until(WAIT, () -> !bus.deadLetters(all).items().isEmpty(), "the delivery became a dead letter");
        Delivery dead = bus.deadLetters(all).items().get(0);
        assertThat(dead.eventId()).isEqualTo(receipt.eventId());
        assertThat(dead.attemptLog()).hasSize(2).allSatisfy(a -> assertThat(a.statusCode()).isEqualTo(503));
        assertThat(bus.deadLetter(dead.id()).id()).isEqualTo(dead.id());

        receiver.answering(call -> 200);
        assertThat(bus.redrive(all)).isEqualTo(1);

        Await.until(WAIT, () -> receiver.accepted().size() == 1, "the redriven event was delivered");
        assertThat(bus.deadLetters(all).items()).isEmpty();
        assertThatThrownBy(() -> bus.deadLetter(dead.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void goneAnswerDisablesTheSubscription() {
        receiver.answering(call -> 410);
        Subscription sub = webhook("lead.created", 5);

        bus.publish(lead(null, 1));

        Await.until(WAIT, () -> bus.subscription(sub.id()).orElseThrow().status() == SubscriptionStatus.DISABLED,
                "the subscription was disabled");
        assertThat(receiver.calls()).isEqualTo(1);
        Subscription disabled = bus.subscription(sub.id()).orElseThrow();
        assertThat(disabled.disabledReason()).isEqualTo("the webhook answered 410 Gone");
        assertThat(disabled.disabledAt()).isNotNull();
    }

    @Test
    void eventsPublishedWhileDisabledByA410AreDeliveredInOrderOnceResumed() {
        receiver.answering(call -> call == 1 ? 410 : 204);
        Subscription sub = webhook("lead.created", 1);
        bus.publish(lead("lead-9", 0));
        Await.until(WAIT, () -> bus.subscription(sub.id()).orElseThrow().status() == SubscriptionStatus.DISABLED,
                "the subscription was disabled");

        for (int n = 1; n <= 5; n++) {
            bus.publish(lead("lead-9", n));
        }
        Subscription resumed = bus.setStatus(sub.id(), SubscriptionStatus.ACTIVE);

        assertThat(resumed.disabledReason()).isNull();
        assertThat(resumed.disabledAt()).isNull();
        Await.until(WAIT, () -> receiver.accepted().size() == 6, "the refused event and the five published while "
                + "disabled reached the webhook after resume");
        assertThat(receiver.accepted()).extracting(r -> WireJson.reader().readTree(r.body()).get("data").get("n").asInt())
                .containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(bus.deadLetters(new DeadLetterQuery(null, sub.id(), null, 0, 10)).items()).isEmpty();
    }

    @Test
    void eventsOfOneSubjectStayInOrderWhileAnEarlierOneIsRetried() {
        AtomicInteger failuresLeft = new AtomicInteger(2);
        List<Integer> order = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "scorer", event -> {
            int n = event.data().get("n").asInt();
            if (n == 0 && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("transient failure");
            }
            order.add(n);
        });

        for (int n = 0; n < 5; n++) {
            bus.publish(lead("lead-42", n));
        }

        Await.until(WAIT, () -> order.size() == 5, "all five events were handled");
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void eachEventOfAnOrderedSubjectIsSentAsSoonAsTheOneBeforeIsDeliveredNotAtTheNextIdlePoll() {
        Subscription sub = webhook("lead.created", 3);
        int count = 100;

        for (int n = 0; n < count; n++) {
            bus.publish(lead("lead-7", n));
        }

        // Waiting for the worker's 200 ms idle poll between events would take 20 s.
        Await.until(Duration.ofSeconds(5), () -> receiver.accepted().size() == count,
                "all " + count + " events of subject lead-7 reached " + sub.webhookUrl());
        assertThat(receiver.accepted()).extracting(r -> WireJson.reader().readTree(r.body()).get("data").get("n").asInt())
                .containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
    }

    @Test
    void aWebhookSlowerThanTheDeliveryLeaseIsNotSentAgainWhileItsAttemptRuns() throws Exception {
        try (EventBus shortLeases = EventBus.builder().deliveryLease(Duration.ofMillis(300)).build().start()) {
            receiver.answering(call -> {
                if (call == 1) {
                    // Five lease lengths: without renewal the lease lapses and the worker sends it again meanwhile.
                    LockSupport.parkNanos(Duration.ofMillis(1_500).toNanos());
                }
                return 204;
            });
            shortLeases.subscribe(new Subscription(UUID.randomUUID(), null, "lead.created", "ai-agents",
                    DeliveryMode.WEBHOOK, receiver.url(), null, 3, PayloadFormat.EVENTBUS, true, null, null));

            shortLeases.publish(lead("lead-5", 1));

            Await.until(WAIT, () -> !receiver.accepted().isEmpty(), "the slow webhook answered");
            assertThat(receiver.calls()).as("attempts sent to the webhook").isEqualTo(1);
        }
    }

    @Test
    void targetServicesLimitWhichSubscriptionsReceiveAnEvent() {
        List<Event> crm = new CopyOnWriteArrayList<>();
        List<Event> agents = new CopyOnWriteArrayList<>();
        bus.on("lead.*", "crm-service", crm::add);
        bus.on("lead.*", "ai-agents", agents::add);

        bus.publish(lead(null, 1).toBuilder().targetServices(List.of("ai-agents")).build());
        bus.publish(lead(null, 2));

        Await.until(WAIT, () -> agents.size() == 2 && crm.size() == 1, "each service got its events");
        assertThat(crm.get(0).data().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void republishingTheSameEventIdStoresAndDeliversItOnce() {
        List<Event> seen = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "crm", seen::add);
        Event event = lead(null, 1).toBuilder().id(UUID.randomUUID()).build();

        PublishReceipt first = bus.publish(event);
        PublishReceipt second = bus.publish(event);

        assertThat(second.duplicate()).isTrue();
        assertThat(second.position()).isEqualTo(first.position());
        Await.until(WAIT, () -> seen.size() == 1, "the event was delivered");
        bus.publish(lead(null, 2));
        Await.until(WAIT, () -> seen.size() == 2, "the next event was delivered");
        assertThat(seen).extracting(Event::id).doesNotHaveDuplicates();
    }

    @Test
    void pullSubscriberLeasesAcksAndGetsAnUnackedEventAgainAfterItsLease() {
        Subscription sub = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.*", "campaigns",
                DeliveryMode.PULL, null, null, 5, null, true, null, null));
        PublishReceipt a = bus.publish(lead(null, 1));
        PublishReceipt b = bus.publish(lead(null, 2));

        List<PulledEvent> first = pullAtLeast(sub, 2);
        assertThat(first).extracting(p -> p.event().id()).containsExactlyInAnyOrder(a.eventId(), b.eventId());
        PulledEvent acked = first.stream().filter(p -> p.event().id().equals(a.eventId())).findFirst().orElseThrow();
        bus.ack(sub.id(), List.of(acked.ackId()));

        List<PulledEvent> again = bus.pull(sub.id(), 10, Duration.ofSeconds(5));
        assertThat(again).extracting(p -> p.event().id()).containsExactly(b.eventId());
        assertThat(again.get(0).attempt()).as("the expired lease counted as attempt 1").isEqualTo(2);
        assertThatThrownBy(() -> bus.ack(sub.id(), List.of(acked.ackId()))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aPulledEventWhoseLeasesExpireUntilItsAttemptsAreUsedUpBecomesADeadLetter() throws Exception {
        Subscription sub = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.*", "campaigns",
                DeliveryMode.PULL, null, null, 2, null, true, null, null));
        PublishReceipt published = bus.publish(lead(null, 1));

        assertThat(pullAtLeast(sub, 1)).extracting(PulledEvent::attempt).containsExactly(1);
        assertThat(bus.pull(sub.id(), 10, Duration.ofSeconds(5))).extracting(PulledEvent::attempt).containsExactly(2);

        // Only a claim notices the expired lease: the long poll below claims it and dead-letters it.
        assertThat(bus.pull(sub.id(), 10, Duration.ofSeconds(2))).isEmpty();
        Delivery dead = bus.deadLetters(new DeadLetterQuery(tenant, sub.id(), null, 0, 10)).items().get(0);
        assertThat(dead.eventId()).isEqualTo(published.eventId());
        assertThat(dead.attempts()).isEqualTo(2);
        assertThat(dead.attemptLog()).hasSize(2).allSatisfy(a -> assertThat(a.error()).contains("lease expired"));
        assertThat(bus.pull(sub.id(), 10, Duration.ZERO)).isEmpty();
    }

    private List<PulledEvent> pullAtLeast(Subscription sub, int count) {
        List<PulledEvent> all = new CopyOnWriteArrayList<>();
        Await.until(WAIT, () -> {
            all.addAll(bus.pull(sub.id(), 10, Duration.ofMillis(200)));
            return all.size() >= count;
        }, count + " events were pulled");
        return all;
    }

    @Test
    void aPausedPullSubscriptionHandsOutNothingUntilResumed() {
        Subscription sub = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.*", "campaigns",
                DeliveryMode.PULL, null, null, 5, null, true, null, null));
        bus.setStatus(sub.id(), SubscriptionStatus.PAUSED);
        PublishReceipt receipt = bus.publish(lead(null, 1));

        assertThat(bus.pull(sub.id(), 10, Duration.ofMillis(500))).isEmpty();

        bus.setStatus(sub.id(), SubscriptionStatus.ACTIVE);
        assertThat(pullAtLeast(sub, 1)).extracting(p -> p.event().id()).containsExactly(receipt.eventId());
    }

    @Test
    void pullLongPollReturnsAsSoonAsAnEventArrives() throws Exception {
        Subscription sub = bus.subscribe(new Subscription(UUID.randomUUID(), tenant, "lead.*", "campaigns",
                DeliveryMode.PULL, null, null, 5, null, true, null, null));
        Thread publisher = new Thread(() -> bus.publish(lead(null, 1)));

        long started = System.nanoTime();
        publisher.start();
        List<PulledEvent> pulled = bus.pull(sub.id(), 10, Duration.ofSeconds(20));
        publisher.join();

        assertThat(pulled).hasSize(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void syncPublishReportsTheFirstAttemptOfEveryPushSubscription() {
        receiver.answering(call -> 500);
        Subscription failing = webhook("lead.created", 3);
        var ok = bus.on("lead.created", "crm", event -> { });

        SyncPublishResult result = bus.publishAndWait(lead(null, 1), WAIT);

        assertThat(result.complete()).isTrue();
        assertThat(result.outcomes()).hasSize(2);
        assertThat(result.outcomes()).anySatisfy(o -> {
            assertThat(o.subscriptionId()).isEqualTo(failing.id());
            assertThat(o.success()).isFalse();
            assertThat(o.statusCode()).isEqualTo(500);
        });
        assertThat(result.outcomes()).anySatisfy(o -> {
            assertThat(o.subscriptionId()).isEqualTo(ok.subscription().id());
            assertThat(o.success()).isTrue();
        });
    }

    @Test
    void replayRedeliversStoredEventsToOneSubscriptionOnlyMarkedAsReplayed() {
        List<Event> other = new CopyOnWriteArrayList<>();
        bus.on("lead.created", "crm", other::add);
        List<UUID> published = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            published.add(bus.publish(lead(null, n)).eventId());
        }
        Await.until(WAIT, () -> other.size() == 3, "the existing subscriber got the events");
        Subscription late = webhook("lead.*", 3);

        ReplayJob job = bus.startReplay(new ReplayRequest(tenant, late.id(), Set.of("lead.created"), null, null, 0, 0));

        Await.until(WAIT, () -> receiver.accepted().size() == 3, "the replayed events reached the new webhook");
        assertThat(receiver.accepted()).allSatisfy(r -> assertThat(r.header("X-EventBus-Replay"))
                .isEqualTo(job.id().toString()));
        assertThat(receiver.accepted()).extracting(r -> UUID.fromString(r.header("webhook-id")))
                .containsExactlyInAnyOrderElementsOf(published);
        Await.until(WAIT, () -> bus.replay(job.id()).orElseThrow().state() == ReplayJob.State.COMPLETED,
                "the job completed");
        assertThat(bus.replay(job.id()).orElseThrow().deliveriesQueued()).isEqualTo(3);
        assertThat(other).hasSize(3);
    }

    @Test
    void unsubscribingAnUnknownIdIsNotFound() {
        assertThatThrownBy(() -> bus.unsubscribe(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }
}

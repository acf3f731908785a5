package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.EventDataMappingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SubscribeIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** Longer than the server's pull lease: an event that was not acknowledged comes back within it. */
    private static final Duration LONGER_THAN_LEASE = InProcessServer.PULL_LEASE.plusSeconds(1);

    private final UUID tenant = UUID.randomUUID();
    private EventBusClient publisher;
    private final SubscribeOptions forTenant = SubscribeOptions.builder().tenantId(tenant)
            .nackBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();

    @BeforeEach
    void connectPublisher() {
        publisher = SERVER.client("publisher");
    }

    @Test
    void theHandlerReceivesPublishedEventsAndAcknowledgedOnesDoNotComeBack() throws Exception {
        EventBusClient ai = SERVER.client("ai-agents");
        List<ReceivedEvent> received = new CopyOnWriteArrayList<>();
        Subscription subscription = ai.subscribe("lead.*", forTenant, received::add);

        List<UUID> ids = List.of(publish("lead.created"), publish("lead.qualified"), publish("lead.converted"));

        Await.until(WAIT, () -> received.size() >= 3, "the three events were handled");
        subscription.close();
        assertThat(received).extracting(r -> r.event().id()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(received).allSatisfy(r -> assertThat(r.attempt()).isEqualTo(1));
        assertThat(RawPull.eventsWaiting(SERVER.url(), subscription.id(), LONGER_THAN_LEASE)).isZero();
    }

    @Test
    void onlyEventsMatchingThePatternAreHandled() {
        EventBusClient crm = SERVER.client("crm");
        List<String> types = new CopyOnWriteArrayList<>();
        crm.subscribe("ai.analysis_completed", forTenant, r -> types.add(r.event().eventType()));

        publish("ai.analysis_started");
        publish("ai.analysis_completed");
        publish("lead.created");
        publish("ai.analysis_completed");

        Await.until(WAIT, () -> types.size() >= 2, "both completions were handled");
        assertThat(types).containsOnly("ai.analysis_completed");
    }

    @Test
    void aHandlerThatThrowsIsGivenTheSameEventAgain() {
        EventBusClient ai = SERVER.client("ai-agents");
        List<ReceivedEvent> received = new CopyOnWriteArrayList<>();
        ai.subscribe("ai.analysis_requested", forTenant, r -> {
            received.add(r);
            if (r.attempt() == 1) {
                throw new IllegalStateException("model not loaded yet");
            }
        });

        UUID id = publish("ai.analysis_requested");

        Await.until(WAIT, () -> received.size() >= 2, "the event came back after the failure");
        assertThat(received).extracting(r -> r.event().id()).containsOnly(id);
        assertThat(received).extracting(ReceivedEvent::attempt).startsWith(1, 2);
    }

    @Test
    void closeWaitsForTheRunningHandlerToFinishAndAcknowledgesItsEvent() throws Exception {
        EventBusClient campaigns = SERVER.client("campaigns");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Subscription subscription = campaigns.subscribe("campaign.launched", forTenant, r -> {
            started.countDown();
            assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
            finished.set(true);
        });
        publish("campaign.launched");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> handlerDoneWhenCloseReturned = CompletableFuture.supplyAsync(() -> {
            subscription.close();
            return finished.get();
        });
        Await.until(WAIT, () -> !subscription.isRunning(), "close() has begun");
        assertThat(handlerDoneWhenCloseReturned).as("close() waits for the handler").isNotDone();
        release.countDown();

        assertThat(handlerDoneWhenCloseReturned.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(RawPull.eventsWaiting(SERVER.url(), subscription.id(), LONGER_THAN_LEASE)).isZero();
    }

    @Test
    void handlersRunConcurrentlyUpToTheConfiguredConcurrency() {
        EventBusClient ai = SERVER.client("ai-agents");
        CyclicBarrier allThreeAtOnce = new CyclicBarrier(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger passed = new AtomicInteger();
        ai.subscribe("agent.task_assigned", SubscribeOptions.builder().tenantId(tenant).concurrency(3)
                .maxEventsPerPull(1).build(), r -> {
                    threads.add(Thread.currentThread().getName());
                    allThreeAtOnce.await(10, TimeUnit.SECONDS);
                    passed.incrementAndGet();
                });

        publish("agent.task_assigned");
        publish("agent.task_assigned");
        publish("agent.task_assigned");

        Await.until(WAIT, () -> passed.get() == 3, "three handlers were inside at the same time");
        assertThat(threads).hasSize(3);
    }

    @Test
    void subscribingAgainResumesTheServicesSubscriptionWithEventsPublishedMeanwhile() {
        EventBusClient crm = SERVER.client("crm-resume");
        Subscription first = crm.subscribe("lead.created", forTenant, r -> { });
        first.close();

        UUID publishedWhileAway = publish("lead.created");
        List<UUID> received = new CopyOnWriteArrayList<>();
        Subscription second = crm.subscribe("lead.created", forTenant, r -> received.add(r.event().id()));

        assertThat(second.id()).isEqualTo(first.id());
        Await.until(WAIT, () -> received.contains(publishedWhileAway), "the event published while away arrived");
    }

    @Test
    void aServicesSubscriptionIsTenantScopedAndPullMode() {
        EventBusClient crm = SERVER.client("crm-info");
        Subscription subscription = crm.subscribe("lead.qualified", forTenant, r -> { });

        SubscriptionInfo info = crm.subscription(subscription.id());

        assertThat(info.deliveryMode()).isEqualTo("pull");
        assertThat(info.serviceName()).isEqualTo("crm-info");
        assertThat(info.eventType()).isEqualTo("lead.qualified");
        assertThat(info.tenantId()).isEqualTo(tenant);
    }

    record LeadCreated(String leadId, int score) {
    }

    @Test
    void aTypedHandlerReceivesTheDataAsTheRecordThatWasPublished() {
        EventBusClient crm = SERVER.client("crm");
        List<LeadCreated> leads = new CopyOnWriteArrayList<>();
        crm.subscribe("lead.created", forTenant, LeadCreated.class, (received, lead) -> leads.add(lead));

        publisher.publish(PublishRequest.builder("lead.created", tenant).data(new LeadCreated("lead-7", 87)).build());

        Await.until(WAIT, () -> leads.size() == 1, "the typed handler got the lead");
        assertThat(leads).containsExactly(new LeadCreated("lead-7", 87));
    }

    @Test
    void dataThatDoesNotFitTheTypedHandlerIsADeadLetterAtOnceWithTheMappingMessage() {
        EventBusClient crm = SERVER.client("crm");
        AtomicInteger calls = new AtomicInteger();
        Subscription subscription = crm.subscribe("lead.scored", forTenant, LeadCreated.class,
                (received, lead) -> calls.incrementAndGet());

        UUID id = publisher.publish(PublishRequest.builder("lead.scored", tenant).data(Map.of("score", "high")).build())
                .eventId();

        Await.until(WAIT, () -> !deadLetterErrors(subscription).isEmpty(), "the unfitting event is a dead letter");
        assertThat(deadLetterErrors(subscription)).singleElement()
                .satisfies(error -> assertThat(error).startsWith("nacked by subscriber: ")
                        .contains(EventDataMappingException.class.getName(), "data of event " + id,
                                "does not fit " + LeadCreated.class.getName()));
        assertThat(calls).hasValue(0);
    }

    private List<String> deadLetterErrors(Subscription subscription) {
        try {
            return RawPull.deadLetterErrors(SERVER.url(), tenant, subscription.id());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError("listing dead letters failed", e);
        }
    }

    private UUID publish(String type) {
        return publisher.publish(PublishRequest.builder(type, tenant).data(Map.of("k", "v")).build())
                .eventId();
    }
}

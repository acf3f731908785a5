package com.bizosaas.eventbus.contract;

import static com.bizosaas.eventbus.contract.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EventStore} must show. Extend it once per implementation and return
 * a working store from {@link #newStore()}; it is called before each test and the store is closed
 * after it. Every test uses fresh random tenants and marks what it appended as published when it
 * ends, so the suite runs safely on a shared database. The only cross-tenant calls are the outbox
 * ({@link EventStore#unpublished}), which expects fewer than 1000 older unpublished events from
 * elsewhere, {@link EventStore#forgetConfirmations} (which only makes other events in the outbox
 * republished once more), and {@link EventStore#purgeBefore}, which is only called with cut-offs in the year 2000.
 */
public abstract class EventStoreContract {
    private static final Instant Y2K = Instant.parse("2000-01-01T00:00:00Z");

    protected EventStore store;
    private final Set<UUID> appended = ConcurrentHashMap.newKeySet();

    /** A working store; the suite closes it after each test. */
    protected abstract EventStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        try {
            if (!appended.isEmpty()) {
                store.markDispatched(appended);
            }
        } finally {
            store.close();
        }
    }

    // ---- append and positions ----

    @Test
    void appendAssignsStrictlyIncreasingPositionsPerTenantInInputOrder() {
        UUID tenant = TestEvents.newTenant();
        List<AppendResult> first = append(event(tenant).build(), event(tenant).build(), event(tenant).build());
        List<AppendResult> second = append(event(tenant).build());

        List<Long> positions = new ArrayList<>();
        first.forEach(r -> positions.add(r.event().position()));
        positions.add(second.get(0).event().position());
        assertThat(positions.get(0)).isPositive();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(first).extracting(AppendResult::duplicate).containsOnly(false);
    }

    @Test
    void appendReturnsTheStoredEventsInTheOrderOfTheInput() {
        UUID tenant = TestEvents.newTenant();
        Event a = event(tenant).subject("a").build();
        Event b = event(tenant).subject("b").build();
        List<AppendResult> results = append(a, b);
        assertThat(results).extracting(r -> r.event().id()).containsExactly(a.id(), b.id());
        assertThat(results).extracting(r -> r.event().subject()).containsExactly("a", "b");
    }

    @Test
    void rewritingDataChangesOnlyTheDataOfTheNamedEventsOfTheTenant() {
        UUID tenant = TestEvents.newTenant();
        Event kept = event(tenant).data(Map.of("n", 1)).build();
        Event rewritten = event(tenant).data(Map.of("n", 2)).build();
        append(kept, rewritten);
        ObjectNode replacement = JsonNodeFactory.instance.objectNode().put("sealed", "abc");

        int count = store.rewriteData(tenant, Map.of(rewritten.id(), replacement, UUID.randomUUID(), replacement));

        assertThat(count).isEqualTo(1);
        Event read = store.find(tenant, rewritten.id()).orElseThrow();
        assertThat(read.data()).isEqualTo(replacement);
        assertThat(read.position()).isPositive();
        assertThat(store.find(tenant, kept.id()).orElseThrow().data().get("n").asInt()).isEqualTo(1);
        assertThat(store.query(EventQuery.forTenant(tenant).build()).items())
                .filteredOn(e -> e.id().equals(rewritten.id())).extracting(Event::data).containsExactly(replacement);
        assertThat(store.rewriteData(TestEvents.newTenant(), Map.of(kept.id(), replacement))).isZero();
    }

    @Test
    void appendingTheSameEventIdAgainStoresItOnceAndReturnsTheOriginal() {
        UUID tenant = TestEvents.newTenant();
        Event original = event(tenant).subject("first").build();
        AppendResult stored = append(original).get(0);

        AppendResult again = append(original.toBuilder().subject("second").build()).get(0);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.event().position()).isEqualTo(stored.event().position());
        assertThat(again.event().subject()).isEqualTo("first");
        assertThat(all(tenant)).extracting(Event::id).containsExactly(original.id());
    }

    @Test
    void appendingTheSameIdempotencyKeyWithAnotherIdStoresItOnce() {
        UUID tenant = TestEvents.newTenant();
        Event original = event(tenant).idempotencyKey("order-42").build();
        append(original);

        AppendResult again = append(event(tenant).idempotencyKey("order-42").build()).get(0);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.event().id()).isEqualTo(original.id());
        assertThat(all(tenant)).extracting(Event::id).containsExactly(original.id());
    }

    @Test
    void theSameIdempotencyKeyInAnotherTenantIsStoredAgain() {
        UUID tenantA = TestEvents.newTenant();
        UUID tenantB = TestEvents.newTenant();
        append(event(tenantA).idempotencyKey("shared-key").build());

        AppendResult inB = append(event(tenantB).idempotencyKey("shared-key").build()).get(0);

        assertThat(inB.duplicate()).isFalse();
        assertThat(all(tenantA)).hasSize(1);
        assertThat(all(tenantB)).hasSize(1);
    }

    @Test
    void duplicatesInsideOneBatchAreStoredOnce() {
        UUID tenant = TestEvents.newTenant();
        Event a = event(tenant).build();
        Event keyed = event(tenant).idempotencyKey("k").build();
        Event sameKey = event(tenant).idempotencyKey("k").build();

        List<AppendResult> results = append(a, a, keyed, sameKey);

        assertThat(results).extracting(AppendResult::duplicate).containsExactly(false, true, false, true);
        assertThat(results.get(1).event().position()).isEqualTo(results.get(0).event().position());
        assertThat(results.get(3).event().id()).isEqualTo(keyed.id());
        assertThat(all(tenant)).extracting(Event::id).containsExactlyInAnyOrder(a.id(), keyed.id());
    }

    @Test
    void concurrentAppendsGetUniqueIncreasingPositions() throws Exception {
        UUID tenant = TestEvents.newTenant();
        int threads = 4;
        int perThread = 50;

        List<List<Long>> positionsPerThread = Concurrently.run(threads, () -> {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                mine.add(append(event(tenant).build()).get(0).event().position());
            }
            return mine;
        });

        List<Long> everyPosition = new ArrayList<>();
        for (List<Long> mine : positionsPerThread) {
            assertThat(mine).as("positions seen by one appending thread").isSorted().doesNotHaveDuplicates();
            everyPosition.addAll(mine);
        }
        assertThat(everyPosition).hasSize(threads * perThread).doesNotHaveDuplicates();
        List<Long> stored = all(tenant).stream().map(Event::position).toList();
        assertThat(stored).containsExactlyElementsOf(everyPosition.stream().sorted().toList());
    }

    // ---- queries ----

    @Test
    void queryReturnsTheTenantsEventsNewestFirstByDefault() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 3);

        Page<Event> page = store.query(EventQuery.forTenant(tenant).build());

        assertThat(page.items()).extracting(Event::id).containsExactlyElementsOf(reversed(ids(stored)));
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void queryFiltersByEventTypes() {
        UUID tenant = TestEvents.newTenant();
        Instant now = TestEvents.now();
        Event created = event(tenant, "lead.created", now).build();
        Event qualified = event(tenant, "lead.qualified", now).build();
        Event converted = event(tenant, "lead.converted", now).build();
        append(created, qualified, converted);

        Page<Event> page = store.query(EventQuery.forTenant(tenant).types("lead.created", "lead.converted")
                .order(SortOrder.OLDEST_FIRST).build());

        assertThat(page.items()).extracting(Event::id).containsExactly(created.id(), converted.id());
    }

    @Test
    void queryFiltersByTimeRangeFromInclusiveToExclusive() {
        UUID tenant = TestEvents.newTenant();
        Instant t0 = TestEvents.now().minusSeconds(3600);
        List<Event> events = IntStream.range(0, 5)
                .mapToObj(i -> event(tenant, TestEvents.TYPE, t0.plusSeconds(i)).build())
                .toList();
        append(events.toArray(Event[]::new));

        Page<Event> page = store.query(EventQuery.forTenant(tenant).from(t0.plusSeconds(1)).to(t0.plusSeconds(3))
                .order(SortOrder.OLDEST_FIRST).build());

        assertThat(page.items()).extracting(Event::id).containsExactly(events.get(1).id(), events.get(2).id());
    }

    @Test
    void queryFiltersBySubject() {
        UUID tenant = TestEvents.newTenant();
        Event lead1 = event(tenant).subject("lead-1").build();
        Event lead2 = event(tenant).subject("lead-2").build();
        Event lead1Again = event(tenant).subject("lead-1").build();
        append(lead1, lead2, lead1Again);

        Page<Event> page = store.query(EventQuery.forTenant(tenant).subject("lead-1")
                .order(SortOrder.OLDEST_FIRST).build());

        assertThat(page.items()).extracting(Event::id).containsExactly(lead1.id(), lead1Again.id());
    }

    @Test
    void queryFiltersByAnInclusivePositionRange() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 5);

        Page<Event> page = store.query(EventQuery.forTenant(tenant)
                .positions(stored.get(1).position(), stored.get(3).position())
                .order(SortOrder.OLDEST_FIRST).build());

        assertThat(page.items()).extracting(Event::id).containsExactlyElementsOf(ids(stored.subList(1, 4)));
    }

    @Test
    void theLimitCutsThePageAndItsCursorContinuesWhereItStopped() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 5);

        Page<Event> first = store.query(EventQuery.forTenant(tenant).limit(2).order(SortOrder.OLDEST_FIRST).build());
        assertThat(first.items()).extracting(Event::id).containsExactlyElementsOf(ids(stored.subList(0, 2)));
        assertThat(first.hasMore()).isTrue();

        Page<Event> second = store.query(EventQuery.forTenant(tenant).limit(2).after(first.nextCursor())
                .order(SortOrder.OLDEST_FIRST).build());
        assertThat(second.items()).extracting(Event::id).containsExactlyElementsOf(ids(stored.subList(2, 4)));
    }

    @Test
    void aPageHoldingTheLastEventHasNoCursor() {
        UUID tenant = TestEvents.newTenant();
        appendEvents(tenant, 3);

        assertThat(store.query(EventQuery.forTenant(tenant).limit(3).build()).hasMore()).isFalse();
        assertThat(store.query(EventQuery.forTenant(TestEvents.newTenant()).build()).items()).isEmpty();
    }

    @Test
    void pagingNewestFirstWalksEveryEventOnceWithoutGaps() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 23);

        List<UUID> walked = walk(tenant, SortOrder.NEWEST_FIRST, 5);

        assertThat(walked).containsExactlyElementsOf(reversed(ids(stored)));
    }

    @Test
    void pagingOldestFirstWalksEveryEventOnceWithoutGaps() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 23);

        List<UUID> walked = walk(tenant, SortOrder.OLDEST_FIRST, 5);

        assertThat(walked).containsExactlyElementsOf(ids(stored));
    }

    @Test
    void pagingCombinesWithFilters() {
        UUID tenant = TestEvents.newTenant();
        Instant now = TestEvents.now();
        List<UUID> wanted = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Event e = event(tenant, i % 3 == 0 ? "lead.created" : "lead.updated", now).build();
            append(e);
            if (i % 3 == 0) {
                wanted.add(e.id());
            }
        }
        List<UUID> walked = new ArrayList<>();
        long cursor = 0;
        do {
            Page<Event> page = store.query(EventQuery.forTenant(tenant).types("lead.created").limit(2)
                    .after(cursor).order(SortOrder.OLDEST_FIRST).build());
            page.items().forEach(e -> walked.add(e.id()));
            cursor = page.nextCursor();
        } while (cursor != 0);
        assertThat(walked).containsExactlyElementsOf(wanted);
    }

    // ---- tenant isolation and lookups ----

    @Test
    void anotherTenantNeverSeesTheEventsNotEvenById() {
        UUID owner = TestEvents.newTenant();
        UUID other = TestEvents.newTenant();
        Event secret = event(owner).subject("shared-subject").build();
        append(secret);
        append(event(other).subject("shared-subject").build());

        assertThat(store.query(EventQuery.forTenant(other).build()).items())
                .extracting(Event::id).doesNotContain(secret.id());
        assertThat(store.query(EventQuery.forTenant(other).subject("shared-subject").build()).items())
                .extracting(Event::tenantId).containsOnly(other);
        assertThat(store.findAll(other, List.of(secret.id()))).isEmpty();
        assertThat(store.find(other, secret.id())).isEmpty();
        assertThat(store.find(owner, secret.id())).map(Event::id).contains(secret.id());
    }

    @Test
    void findAllReturnsTheRequestedEventsInPositionOrderAndSkipsUnknownIds() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 4);

        List<Event> found = store.findAll(tenant, List.of(stored.get(3).id(), UUID.randomUUID(), stored.get(1).id()));

        assertThat(found).extracting(Event::id).containsExactly(stored.get(1).id(), stored.get(3).id());
        assertThat(found).extracting(Event::position)
                .containsExactly(stored.get(1).position(), stored.get(3).position());
        assertThat(store.findAll(tenant, List.of())).isEmpty();
    }

    @Test
    void everyFieldRoundTripsUnchanged() throws Exception {
        UUID tenant = TestEvents.newTenant();
        ObjectNode data = (ObjectNode) WireJson.reader().readTree("""
                {"name":"Zoë Ωmega ✓ 👋 日本語","quote":"say \\"hi\\"\\\\ and\\nnewline","score":87,
                 "ratio":0.5,"big":9007199254740993,"active":true,"nothing":null,
                 "tags":["a","b",{"c":[1,2,3]}],"nested":{"deep":{"ok":false,"list":[]}}}
                """);
        Event original = event(tenant, "lead.qualified", TestEvents.now())
                .version(3)
                .source("crm-service")
                .priority(Priority.CRITICAL)
                .subject("lead-7")
                .correlationId("corr-1")
                .causationId("cause-1")
                .targetServices(List.of("ai-agents", "analytics"))
                .data(data)
                .metadata(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                        "ünïcode", "çødé"))
                .idempotencyKey("idem-7")
                .build();
        Event stored = append(original).get(0).event();

        Event found = store.find(tenant, original.id()).orElseThrow();

        for (Event e : List.of(stored, found)) {
            assertThat(e).usingRecursiveComparison().ignoringFields("position", "data").isEqualTo(original);
            assertThat(e.data()).isEqualTo(data);
            assertThat(e.position()).isEqualTo(stored.position());
        }
    }

    // ---- event-sourced streams ----

    @Test
    void appendToStreamAtTheExpectedVersionContinuesTheVersions() {
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();

        List<Event> first = appendToStream(tenant, stream, 0, 2);
        List<Event> second = appendToStream(tenant, stream, 2, 1);

        assertThat(first).extracting(Event::streamVersion).containsExactly(1L, 2L);
        assertThat(second).extracting(Event::streamVersion).containsExactly(3L);
        assertThat(first).extracting(Event::subject).containsOnly(stream);
        List<Long> positions = new ArrayList<>();
        first.forEach(e -> positions.add(e.position()));
        positions.add(second.get(0).position());
        assertThat(positions).isSorted().doesNotHaveDuplicates().allMatch(p -> p > 0);
        assertThat(store.readStream(tenant, stream, 1)).extracting(Event::streamVersion).containsExactly(1L, 2L, 3L);
    }

    @Test
    void appendToStreamAtAnotherVersionThrowsConflictAndStoresNothing() {
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();
        appendToStream(tenant, stream, 0, 2);

        for (long wrong : List.of(0L, 1L, 3L, 5L)) {
            assertThatThrownBy(() -> appendToStream(tenant, stream, wrong, 2))
                    .as("expected version %d while the stream is at 2", wrong)
                    .isInstanceOf(ConflictException.class);
        }

        assertThat(store.readStream(tenant, stream, 1)).hasSize(2);
        assertThat(store.query(EventQuery.forTenant(tenant).build()).items()).hasSize(2);
    }

    @Test
    void appendToAStreamThatDoesNotExistYetAtAVersionAboveZeroIsAConflict() {
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();

        assertThatThrownBy(() -> appendToStream(tenant, stream, 1, 1)).isInstanceOf(ConflictException.class);
        assertThat(store.readStream(tenant, stream, 1)).isEmpty();
    }

    @Test
    void appendToStreamWithAnImpossibleExpectedVersionIsAValidationErrorOnEveryStore() {
        // Checked before the stream's version is read: on a new and on an existing stream alike,
        // and not a conflict (409), since no state of the stream could make it succeed.
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();
        appendToStream(tenant, stream, 0, 1);

        for (String target : List.of(stream, stream + "-new")) {
            assertThatThrownBy(() -> appendToStream(tenant, target, -5, 1))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("expected_version"));
        }
        assertThat(store.readStream(tenant, stream, 1)).hasSize(1);
        assertThat(store.readStream(tenant, stream + "-new", 1)).isEmpty();
    }

    @Test
    void appendToStreamRefusesABlankStreamIdAndAnotherTenantsEvent() {
        UUID tenant = TestEvents.newTenant();

        assertThatThrownBy(() -> store.appendToStream(tenant, " ", 0, List.of(event(tenant).subject("s").build())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject"));
        String stream = "order-" + UUID.randomUUID();
        assertThatThrownBy(() -> store.appendToStream(tenant, stream, 0,
                List.of(event(TestEvents.newTenant()).subject(stream).build())))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("tenant_id"));
        assertThat(store.readStream(tenant, stream, 1)).isEmpty();
    }

    @Test
    void appendToStreamWithAnyVersionAppendsAtTheEnd() {
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();

        List<Event> onNew = appendToStream(tenant, stream, EventStore.ANY_VERSION, 1);
        List<Event> onExisting = appendToStream(tenant, stream, EventStore.ANY_VERSION, 2);

        assertThat(onNew).extracting(Event::streamVersion).containsExactly(1L);
        assertThat(onExisting).extracting(Event::streamVersion).containsExactly(2L, 3L);
    }

    @Test
    void readStreamStartsAtTheGivenVersionAndIgnoresOtherStreamsAndTenants() {
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();
        List<Event> mine = appendToStream(tenant, stream, 0, 4);
        appendToStream(tenant, stream + "-other", 0, 2);
        appendToStream(TestEvents.newTenant(), stream, 0, 2);

        List<Event> read = store.readStream(tenant, stream, 3);

        assertThat(read).extracting(Event::id).containsExactlyElementsOf(ids(mine.subList(2, 4)));
        assertThat(read).extracting(Event::streamVersion).containsExactly(3L, 4L);
        assertThat(store.readStream(TestEvents.newTenant(), stream, 1)).isEmpty();
    }

    @Test
    void streamEventsAreOrdinaryEventsOfTheTenant() {
        UUID tenant = TestEvents.newTenant();
        String stream = "order-" + UUID.randomUUID();
        List<Event> appendedToStream = appendToStream(tenant, stream, 0, 2);

        assertThat(store.query(EventQuery.forTenant(tenant).subject(stream).order(SortOrder.OLDEST_FIRST).build())
                .items()).extracting(Event::id).containsExactlyElementsOf(ids(appendedToStream));
        assertThat(store.find(tenant, appendedToStream.get(1).id())).map(Event::streamVersion).contains(2L);
    }

    // ---- outbox ----

    @Test
    void unpublishedReturnsStoredEventsOldestFirstUntilTheyAreConfirmedOrDispatched() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 4);
        Instant later = Instant.now().plus(Duration.ofMinutes(5));

        assertThat(unpublishedOf(tenant, later)).containsExactlyElementsOf(ids(stored));

        store.markConfirmed(List.of(stored.get(0).id()));
        store.markDispatched(List.of(stored.get(2).id()));

        assertThat(unpublishedOf(tenant, later)).containsExactly(stored.get(1).id(), stored.get(3).id());
    }

    @Test
    void forgettingConfirmationsPutsConfirmedButUndispatchedEventsBackInPositionOrder() {
        UUID tenant = TestEvents.newTenant();
        List<Event> stored = appendEvents(tenant, 4);
        Instant later = Instant.now().plus(Duration.ofMinutes(5));
        store.markConfirmed(ids(stored));
        store.markDispatched(List.of(stored.get(1).id()));
        assertThat(unpublishedOf(tenant, later)).isEmpty();

        long forgotten = store.forgetConfirmations(later);

        assertThat(forgotten).isGreaterThanOrEqualTo(3);
        assertThat(unpublishedOf(tenant, later))
                .containsExactly(stored.get(0).id(), stored.get(2).id(), stored.get(3).id());
    }

    @Test
    void forgettingConfirmationsKeepsThoseOfEventsStoredAfterTheLoss() {
        UUID tenant = TestEvents.newTenant();
        Instant beforeAppend = Instant.now().minus(Duration.ofMinutes(1));
        List<Event> stored = appendEvents(tenant, 2);
        store.markConfirmed(ids(stored));

        store.forgetConfirmations(beforeAppend);

        assertThat(unpublishedOf(tenant, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void aConfirmationAfterTheDispatchDoesNotBringTheEventBack() {
        UUID tenant = TestEvents.newTenant();
        Event e = appendEvents(tenant, 1).get(0);
        store.markDispatched(List.of(e.id()));
        store.markConfirmed(List.of(e.id()));

        store.forgetConfirmations(Instant.now().plus(Duration.ofMinutes(5)));

        assertThat(unpublishedOf(tenant, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void unpublishedGoesByWhenEventsWereStoredNotByTheirOwnTime() {
        UUID tenant = TestEvents.newTenant();
        Instant beforeAppend = Instant.now().minus(Duration.ofMinutes(1));
        Event fromThePast = event(tenant, TestEvents.TYPE, Y2K).build();
        Event fromTheFuture = event(tenant, TestEvents.TYPE, Instant.parse("2100-01-01T00:00:00Z")).build();
        append(fromThePast, fromTheFuture);

        assertThat(unpublishedOf(tenant, beforeAppend)).isEmpty();
        assertThat(unpublishedOf(tenant, Instant.now().plus(Duration.ofMinutes(5))))
                .containsExactly(fromThePast.id(), fromTheFuture.id());
    }

    @Test
    void aDuplicateAppendDoesNotPutTheEventBackIntoTheOutbox() {
        UUID tenant = TestEvents.newTenant();
        Event e = event(tenant).build();
        append(e);
        store.markDispatched(List.of(e.id()));

        append(e);

        assertThat(unpublishedOf(tenant, Instant.now().plus(Duration.ofMinutes(5)))).isEmpty();
    }

    // ---- retention ----

    @Test
    void purgeBeforeRemovesOnlyEventsOlderThanTheCutoff() {
        UUID tenant = TestEvents.newTenant();
        Event old1 = event(tenant, TestEvents.TYPE, Y2K).build();
        Event old2 = event(tenant, TestEvents.TYPE, Y2K.plusSeconds(60)).build();
        Event atCutoff = event(tenant, TestEvents.TYPE, Y2K.plus(Duration.ofDays(1))).build();
        Event recent = event(tenant).build();
        append(old1, atCutoff, old2, recent);

        long purged = store.purgeBefore(Y2K.plus(Duration.ofDays(1)));

        assertThat(purged).satisfiesAnyOf(n -> assertThat(n).isEqualTo(-1), n -> assertThat(n).isGreaterThanOrEqualTo(2));
        assertThat(all(tenant)).extracting(Event::id).containsExactly(atCutoff.id(), recent.id());
        assertThat(store.find(tenant, old1.id())).isEmpty();
    }

    // ---- health ----

    @Test
    void aWorkingStoreReportsHealthy() {
        assertThat(store.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(store.healthName()).isNotBlank();
    }

    // ---- helpers ----

    /** Appends through the store and remembers the ids, so the outbox is left clean. */
    protected List<AppendResult> append(Event... events) {
        for (Event e : events) {
            appended.add(e.id());
        }
        return store.append(List.of(events));
    }

    private List<Event> appendEvents(UUID tenant, int count) {
        Event[] events = IntStream.range(0, count).mapToObj(i -> event(tenant).build()).toArray(Event[]::new);
        return append(events).stream().map(AppendResult::event).toList();
    }

    private List<Event> appendToStream(UUID tenant, String stream, long expectedVersion, int count) {
        List<Event> events = IntStream.range(0, count).mapToObj(i -> event(tenant).subject(stream).build()).toList();
        events.forEach(e -> appended.add(e.id()));
        return store.appendToStream(tenant, stream, expectedVersion, events);
    }

    /** Every event of the tenant, oldest first. */
    private List<Event> all(UUID tenant) {
        return store.query(EventQuery.forTenant(tenant).limit(EventQuery.MAX_LIMIT).order(SortOrder.OLDEST_FIRST)
                .build()).items();
    }

    private List<UUID> walk(UUID tenant, SortOrder order, int pageSize) {
        List<UUID> walked = new ArrayList<>();
        long cursor = 0;
        int pages = 0;
        do {
            Page<Event> page = store.query(EventQuery.forTenant(tenant).limit(pageSize).after(cursor).order(order)
                    .build());
            assertThat(page.items()).as("page %d", pages).isNotEmpty().hasSizeLessThanOrEqualTo(pageSize);
            page.items().forEach(e -> walked.add(e.id()));
            cursor = page.nextCursor();
            assertThat(++pages).as("pages walked").isLessThan(100);
        } while (cursor != 0);
        return walked;
    }

    private List<UUID> unpublishedOf(UUID tenant, Instant storedBefore) {
        return store.unpublished(storedBefore, 1000).stream()
                .filter(e -> e.tenantId().equals(tenant))
                .map(Event::id)
                .toList();
    }

    private static List<UUID> ids(Collection<Event> events) {
        return events.stream().map(Event::id).collect(Collectors.toList());
    }

    private static List<UUID> reversed(List<UUID> ids) {
        List<UUID> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }
}

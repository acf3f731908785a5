package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link DeliveryStore} must show. Extend it once per implementation and
 * return a working store from {@link #newStore()}; it is called before each test and closed after
 * it. Time is passed in explicitly (the SPI takes instants), so nothing here waits for a clock.
 * Tests use random subscription ids and only claim or list their own, so a shared database is
 * fine; {@link DeliveryStore#count} is global, so it is only checked to be at least what a test
 * created.
 *
 * <p>Pinned down beyond the SPI's Javadoc: a lease ending at {@code t} is expired at {@code t};
 * {@code redrive} and {@code discard} act on exactly the dead letters that {@code deadLetters}
 * would list for the same query (after its cursor, at most its limit, oldest first); a
 * {@code reschedule} without an attempt does not count one.
 */
public abstract class DeliveryStoreContract {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String TYPE = "order.placed";

    protected DeliveryStore store;
    /** Now, for the store: every test starts at the wall clock and moves time by hand. */
    protected Instant t0;

    /** A working store; the suite closes it after each test. */
    protected abstract DeliveryStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
        t0 = TestEvents.now();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- enqueue ----

    @Test
    void enqueueIsIdempotentOnSubscriptionEventAndReplay() {
        UUID sub = UUID.randomUUID();
        UUID otherSub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery live = delivery(sub, tenant, 1, null, t0);

        assertThat(store.enqueue(List.of(live))).isEqualTo(1);
        assertThat(store.enqueue(List.of(copyWithNewId(live, live.replayId())))).isZero();

        UUID replay = UUID.randomUUID();
        Delivery replayed = copyWithNewId(live, replay);
        Delivery forOtherSub = new Delivery(EventIds.next(), 0, otherSub, tenant, live.eventId(), TYPE, 1, null,
                DeliveryStatus.PENDING, 0, t0, null, null, t0, List.of());
        assertThat(store.enqueue(List.of(replayed, forOtherSub, copyWithNewId(replayed, replay)))).isEqualTo(2);

        assertThat(claimIds(List.of(sub, otherSub), t0, 10)).containsExactlyInAnyOrder(live.id(), replayed.id(),
                forOtherSub.id());
    }

    @Test
    void anEnqueuedDeliveryIsFoundAsPendingWithAStoreAssignedSeq() {
        UUID sub = UUID.randomUUID();
        Delivery first = delivery(sub, UUID.randomUUID(), 1, "key", t0);
        Delivery second = delivery(sub, first.tenantId(), 2, "key", t0);
        store.enqueue(List.of(first, second));

        Delivery found = store.find(first.id()).orElseThrow();

        assertThat(found).usingRecursiveComparison().ignoringFields("seq").isEqualTo(first);
        assertThat(found.seq()).isPositive();
        assertThat(store.find(second.id()).orElseThrow().seq()).isGreaterThan(found.seq());
        assertThat(store.find(UUID.randomUUID())).isEmpty();
    }

    // ---- claim and lease ----

    @Test
    void claimReturnsOnlyDueDeliveriesOfTheGivenSubscriptions() {
        UUID sub = UUID.randomUUID();
        UUID otherSub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery due = delivery(sub, tenant, 1, null, t0.minusSeconds(5));
        Delivery dueNow = delivery(sub, tenant, 2, null, t0);
        Delivery later = delivery(sub, tenant, 3, null, t0.plusSeconds(10));
        Delivery ofOtherSub = delivery(otherSub, tenant, 4, null, t0);
        store.enqueue(List.of(due, dueNow, later, ofOtherSub));

        List<Delivery> claimed = store.claim(List.of(sub), t0, 10, LEASE);

        assertThat(claimed).extracting(Delivery::id).containsExactlyInAnyOrder(due.id(), dueNow.id());
        assertThat(claimed).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.LEASED);
            assertThat(d.leaseUntil()).isEqualTo(t0.plus(LEASE));
            assertThat(d.attempts()).isZero();
        });
        assertThat(claimIds(List.of(sub), t0.plusSeconds(10), 10)).containsExactly(later.id());
        assertThat(store.claim(List.of(), t0, 10, LEASE)).isEmpty();
    }

    @Test
    void claimReturnsAtMostTheLimit() {
        UUID sub = UUID.randomUUID();
        enqueueMany(sub, UUID.randomUUID(), 5, t0);

        assertThat(store.claim(List.of(sub), t0, 3, LEASE)).hasSize(3);
        assertThat(store.claim(List.of(sub), t0, 3, LEASE)).hasSize(2);
        assertThat(store.claim(List.of(sub), t0, 3, LEASE)).isEmpty();
    }

    @Test
    void aClaimedDeliveryIsNotClaimableAgainUntilItsLeaseExpires() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);

        assertThat(store.claim(List.of(sub), t0.plus(LEASE).minusMillis(1), 10, LEASE)).isEmpty();
        assertThat(store.find(d.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.LEASED);

        List<Delivery> reclaimed = store.claim(List.of(sub), t0.plus(LEASE), 10, LEASE);
        assertThat(reclaimed).extracting(Delivery::id).containsExactly(d.id());
        assertThat(reclaimed.get(0).leaseUntil()).isEqualTo(t0.plus(LEASE).plus(LEASE));
    }

    @Test
    void reclaimingAfterAnExpiredLeaseCountsTheUnsettledAttempt() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);

        Delivery second = store.claim(List.of(sub), t0.plus(LEASE), 10, LEASE).get(0);
        Delivery third = store.claim(List.of(sub), t0.plus(LEASE).plus(LEASE), 10, LEASE).get(0);

        assertThat(second.attempts()).isEqualTo(1);
        assertThat(third.attempts()).isEqualTo(2);
        assertThat(third.attemptLog()).containsExactly(DeliveryAttempt.leaseExpired(t0.plus(LEASE)),
                DeliveryAttempt.leaseExpired(t0.plus(LEASE).plus(LEASE)));
        assertThat(store.find(d.id()).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void markDeadWithoutAnAttemptKeepsTheRecordedOnes() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);
        store.claim(List.of(sub), t0.plus(LEASE), 10, LEASE);

        store.markDead(d.id(), null);

        Delivery dead = store.find(d.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.attemptLog()).containsExactly(DeliveryAttempt.leaseExpired(t0.plus(LEASE)));
        assertThat(deadLetterIds(new DeadLetterQuery(null, sub, null, 0, 100))).containsExactly(d.id());
    }

    @Test
    void aFirstClaimCountsNoAttempt() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);

        Delivery leased = store.find(d.id()).orElseThrow();
        assertThat(leased.attempts()).isZero();
        assertThat(leased.attemptLog()).isEmpty();
    }

    @Test
    void anExtendedLeaseKeepsTheDeliveryFromOtherClaimersUntilItsNewEnd() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);
        Instant extendedUntil = t0.plus(LEASE).plus(LEASE);

        store.extendLeases(List.of(d.id()), extendedUntil);

        assertThat(store.find(d.id()).orElseThrow().leaseUntil()).isEqualTo(extendedUntil);
        assertThat(store.claim(List.of(sub), extendedUntil.minusMillis(1), 10, LEASE)).isEmpty();
        assertThat(claimIds(List.of(sub), extendedUntil, 10)).containsExactly(d.id());
    }

    @Test
    void extendingTheLeaseOfADeliveryThatIsNoLongerLeasedChangesNothing() {
        UUID sub = UUID.randomUUID();
        Delivery delivered = enqueueAndClaim(sub);
        store.markDelivered(delivered.id(), new DeliveryAttempt(t0, 200, null, 3));

        store.extendLeases(List.of(delivered.id(), UUID.randomUUID()), t0.plus(LEASE).plus(LEASE));

        assertThat(store.find(delivered.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void concurrentClaimersNeverGetTheSameDelivery() throws Exception {
        UUID sub = UUID.randomUUID();
        List<Delivery> all = enqueueMany(sub, UUID.randomUUID(), 200, t0);

        List<List<UUID>> claimedPerThread = Concurrently.run(4, () -> {
            List<UUID> mine = new ArrayList<>();
            List<Delivery> batch;
            while (!(batch = store.claim(List.of(sub), t0, 7, LEASE)).isEmpty()) {
                batch.forEach(d -> mine.add(d.id()));
            }
            return mine;
        });

        List<UUID> claimed = claimedPerThread.stream().flatMap(List::stream).toList();
        assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids(all));
    }

    // ---- settling ----

    @Test
    void markDeliveredRecordsTheAttemptAndEndsTheDelivery() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);
        DeliveryAttempt ok = new DeliveryAttempt(t0.plusMillis(20), 200, null, 20);

        store.markDelivered(d.id(), ok);

        Delivery found = store.find(d.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(found.attempts()).isEqualTo(1);
        assertThat(found.attemptLog()).containsExactly(ok);
        assertThat(store.claim(List.of(sub), t0.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    @Test
    void acknowledgingLeasedDeliveriesSettlesThemAllInOneCall() {
        UUID sub = UUID.randomUUID();
        List<Delivery> made = enqueueMany(sub, UUID.randomUUID(), 3, t0);
        assertThat(claimIds(List.of(sub), t0, 10)).containsExactlyInAnyOrderElementsOf(ids(made));
        DeliveryAttempt ok = new DeliveryAttempt(t0.plusMillis(20), 0, null, 0);

        List<Delivery> acknowledged = store.acknowledgeLeased(sub, ids(made), ok);

        assertThat(ids(acknowledged)).containsExactlyInAnyOrderElementsOf(ids(made));
        for (Delivery d : made) {
            Delivery found = store.find(d.id()).orElseThrow();
            assertThat(found.status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(found.attemptLog()).containsExactly(ok);
        }
    }

    @Test
    void acknowledgingChangesNothingWhenOneDeliveryIsNotLeasedToTheSubscription() {
        UUID sub = UUID.randomUUID();
        Delivery leased = enqueueAndClaim(sub);
        Delivery otherSubscriptions = enqueueAndClaim(UUID.randomUUID());
        DeliveryAttempt ok = new DeliveryAttempt(t0.plusMillis(20), 0, null, 0);

        List<Delivery> acknowledged = store.acknowledgeLeased(sub,
                List.of(leased.id(), otherSubscriptions.id(), UUID.randomUUID()), ok);

        assertThat(ids(acknowledged)).containsExactly(leased.id());
        assertThat(store.find(leased.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.LEASED);
        assertThat(store.find(otherSubscriptions.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.LEASED);
    }

    @Test
    void aRescheduledDeliveryIsNotDueBeforeItsTimeAndKeepsItsAttemptLog() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);
        DeliveryAttempt first = new DeliveryAttempt(t0.plusMillis(5), 503, "service unavailable", 5);
        store.reschedule(d.id(), first, t0.plusSeconds(60));

        assertThat(store.claim(List.of(sub), t0.plusSeconds(59), 10, LEASE)).isEmpty();
        Delivery pending = store.find(d.id()).orElseThrow();
        assertThat(pending.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(pending.nextAttemptAt()).isEqualTo(t0.plusSeconds(60));
        assertThat(pending.attempts()).isEqualTo(1);

        store.claim(List.of(sub), t0.plusSeconds(60), 10, LEASE);
        DeliveryAttempt second = new DeliveryAttempt(t0.plusSeconds(61), 0, "connection refused", 1000);
        store.reschedule(d.id(), second, t0.plusSeconds(120));
        store.claim(List.of(sub), t0.plusSeconds(120), 10, LEASE);
        store.reschedule(d.id(), null, t0.plusSeconds(130));

        Delivery after = store.find(d.id()).orElseThrow();
        assertThat(after.attempts()).as("a reschedule without an attempt counts none").isEqualTo(2);
        assertThat(after.attemptLog()).containsExactly(first, second);
        assertThat(after.lastAttempt()).isEqualTo(second);
        assertThat(claimIds(List.of(sub), t0.plusSeconds(130), 10)).containsExactly(d.id());
    }

    @Test
    void markDeadTurnsTheDeliveryIntoADeadLetter() {
        UUID sub = UUID.randomUUID();
        Delivery d = enqueueAndClaim(sub);
        DeliveryAttempt last = new DeliveryAttempt(t0.plusSeconds(1), 500, "internal error", 30);

        store.markDead(d.id(), last);

        Delivery dead = store.find(d.id()).orElseThrow();
        assertThat(dead.status()).isEqualTo(DeliveryStatus.DEAD);
        assertThat(dead.attemptLog()).containsExactly(last);
        assertThat(deadLetterIds(new DeadLetterQuery(null, sub, null, 0, 100))).containsExactly(d.id());
        assertThat(store.claim(List.of(sub), t0.plus(LEASE).plus(LEASE), 10, LEASE)).isEmpty();
    }

    // ---- ordering ----

    @Test
    void aLaterDeliveryOfTheSameKeyWaitsWhileAnEarlierOneIsPendingOrLeased() {
        UUID sub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery a1 = delivery(sub, tenant, 10, "a", t0);
        Delivery a2 = delivery(sub, tenant, 11, "a", t0);
        Delivery b1 = delivery(sub, tenant, 12, "b", t0);
        store.enqueue(List.of(a1, a2, b1));

        assertThat(claimIds(List.of(sub), t0, 10)).containsExactlyInAnyOrder(a1.id(), b1.id());
        assertThat(claimIds(List.of(sub), t0, 10)).as("while a1 is leased").isEmpty();
        store.markDelivered(b1.id(), new DeliveryAttempt(t0, 200, null, 3));

        store.reschedule(a1.id(), failure(t0), t0.plusSeconds(60));
        assertThat(claimIds(List.of(sub), t0.plusSeconds(59), 10)).as("while a1 waits for its retry").isEmpty();

        assertThat(claimIds(List.of(sub), t0.plusSeconds(60), 10)).containsExactly(a1.id());
        store.markDelivered(a1.id(), new DeliveryAttempt(t0.plusSeconds(60), 200, null, 3));
        assertThat(claimIds(List.of(sub), t0.plusSeconds(60), 10)).containsExactly(a2.id());
    }

    @Test
    void aDeadEarlierDeliveryNoLongerHoldsBackItsKey() {
        UUID sub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery first = delivery(sub, tenant, 1, "k", t0);
        Delivery second = delivery(sub, tenant, 2, "k", t0);
        store.enqueue(List.of(first, second));
        store.claim(List.of(sub), t0, 10, LEASE);

        store.markDead(first.id(), failure(t0));

        assertThat(claimIds(List.of(sub), t0, 10)).containsExactly(second.id());
    }

    @Test
    void theOrderGoesByPositionNotByEnqueueOrder() {
        UUID sub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery later = delivery(sub, tenant, 20, "k", t0);
        Delivery earlier = delivery(sub, tenant, 10, "k", t0);
        store.enqueue(List.of(later));
        store.enqueue(List.of(earlier));

        assertThat(claimIds(List.of(sub), t0, 10)).containsExactly(earlier.id());
    }

    @Test
    void deliveriesWithoutAnOrderingKeyAreNotHeldBack() {
        UUID sub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery first = delivery(sub, tenant, 1, null, t0);
        Delivery second = delivery(sub, tenant, 2, null, t0);
        store.enqueue(List.of(first, second));
        store.claim(List.of(sub), t0, 1, LEASE);

        assertThat(claimIds(List.of(sub), t0, 10)).hasSize(1);
    }

    @Test
    void orderingKeysOfDifferentSubscriptionsAreIndependent() {
        UUID subA = UUID.randomUUID();
        UUID subB = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        Delivery forA = delivery(subA, tenant, 1, "k", t0);
        Delivery forB = delivery(subB, tenant, 2, "k", t0);
        store.enqueue(List.of(forA, forB));
        store.claim(List.of(subA), t0, 10, LEASE);

        assertThat(claimIds(List.of(subB), t0, 10)).containsExactly(forB.id());
    }

    // ---- fairness ----

    @Test
    void aTenantWithABacklogDoesNotStarveAnother() {
        UUID sub = UUID.randomUUID();
        UUID busy = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        enqueueMany(sub, busy, 200, t0.minusSeconds(60));
        List<Delivery> quietOnes = enqueueMany(sub, quiet, 2, t0);

        List<UUID> claimed = claimIds(List.of(sub), t0, 20);

        assertThat(claimed).hasSize(20).containsAll(ids(quietOnes));
    }

    @Test
    void aTenantWithABacklogInOneSubscriptionDoesNotStarveAnotherSubscription() {
        UUID busySub = UUID.randomUUID();
        UUID quietSub = UUID.randomUUID();
        enqueueMany(busySub, UUID.randomUUID(), 200, t0.minusSeconds(60));
        List<Delivery> quietOnes = enqueueMany(quietSub, UUID.randomUUID(), 2, t0);

        List<UUID> claimed = claimIds(List.of(busySub, quietSub), t0, 20);

        assertThat(claimed).hasSize(20).containsAll(ids(quietOnes));
    }

    // ---- dead letters ----

    @Test
    void deadLettersArePagedOldestFirstBySeq() {
        UUID sub = UUID.randomUUID();
        List<Delivery> dead = killAll(enqueueMany(sub, UUID.randomUUID(), 5, t0));

        List<UUID> walked = new ArrayList<>();
        long cursor = 0;
        int pages = 0;
        do {
            Page<Delivery> page = store.deadLetters(new DeadLetterQuery(null, sub, null, cursor, 2));
            assertThat(page.items()).isNotEmpty().hasSizeLessThanOrEqualTo(2);
            page.items().forEach(d -> walked.add(d.id()));
            cursor = page.nextCursor();
            assertThat(++pages).isLessThan(10);
        } while (cursor != 0);

        assertThat(walked).containsExactlyElementsOf(ids(dead));
        assertThat(store.deadLetters(new DeadLetterQuery(null, sub, null, 0, 5)).hasMore()).isFalse();
    }

    @Test
    void deadLettersAreFilteredByTenantSubscriptionAndType() {
        UUID sub = UUID.randomUUID();
        UUID otherSub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        UUID otherTenant = UUID.randomUUID();
        Delivery match = delivery(sub, tenant, 1, null, t0);
        Delivery otherType = new Delivery(EventIds.next(), 0, sub, tenant, EventIds.next(), "lead.created", 2, null,
                DeliveryStatus.PENDING, 0, t0, null, null, t0, List.of());
        Delivery ofOtherTenant = delivery(sub, otherTenant, 3, null, t0);
        Delivery ofOtherSub = delivery(otherSub, tenant, 4, null, t0);
        Delivery stillPending = delivery(sub, tenant, 5, null, t0.plusSeconds(3600));
        store.enqueue(List.of(match, otherType, ofOtherTenant, ofOtherSub, stillPending));
        killAll(List.of(match, otherType, ofOtherTenant, ofOtherSub));

        assertThat(deadLetterIds(new DeadLetterQuery(tenant, sub, TYPE, 0, 100))).containsExactly(match.id());
        assertThat(deadLetterIds(new DeadLetterQuery(null, sub, null, 0, 100)))
                .containsExactly(match.id(), otherType.id(), ofOtherTenant.id());
        assertThat(deadLetterIds(new DeadLetterQuery(tenant, null, null, 0, 1000)))
                .contains(match.id(), otherType.id(), ofOtherSub.id())
                .doesNotContain(ofOtherTenant.id(), stillPending.id());
        assertThat(deadLetterIds(new DeadLetterQuery(otherTenant, null, "lead.created", 0, 100))).isEmpty();
    }

    @Test
    void redriveMakesDeadLettersDueNowWithAFreshBudgetAndTheirLog() {
        UUID sub = UUID.randomUUID();
        Delivery d = killAll(enqueueMany(sub, UUID.randomUUID(), 1, t0)).get(0);
        List<DeliveryAttempt> logBefore = store.find(d.id()).orElseThrow().attemptLog();
        Instant later = t0.plusSeconds(300);

        assertThat(store.redrive(new DeadLetterQuery(null, sub, null, 0, 100), later)).isEqualTo(1);

        Delivery redriven = store.find(d.id()).orElseThrow();
        assertThat(redriven.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(redriven.attempts()).isZero();
        assertThat(redriven.nextAttemptAt()).isEqualTo(later);
        assertThat(redriven.attemptLog()).isEqualTo(logBefore).isNotEmpty();
        assertThat(deadLetterIds(new DeadLetterQuery(null, sub, null, 0, 100))).isEmpty();
        assertThat(claimIds(List.of(sub), later.minusMillis(1), 10)).isEmpty();
        assertThat(claimIds(List.of(sub), later, 10)).containsExactly(d.id());
    }

    @Test
    void redriveActsOnTheDeadLettersTheSameQueryWouldList() {
        UUID sub = UUID.randomUUID();
        List<Delivery> dead = killAll(enqueueMany(sub, UUID.randomUUID(), 4, t0));
        long afterFirst = store.find(dead.get(0).id()).orElseThrow().seq();

        assertThat(store.redrive(new DeadLetterQuery(null, sub, null, afterFirst, 2), t0)).isEqualTo(2);

        assertThat(deadLetterIds(new DeadLetterQuery(null, sub, null, 0, 100)))
                .containsExactly(dead.get(0).id(), dead.get(3).id());
        assertThat(store.redrive(new DeadLetterQuery(UUID.randomUUID(), sub, null, 0, 100), t0)).isZero();
    }

    @Test
    void discardRemovesDeadLettersFromTheListingButKeepsThemFindable() {
        UUID sub = UUID.randomUUID();
        List<Delivery> dead = killAll(enqueueMany(sub, UUID.randomUUID(), 3, t0));

        assertThat(store.discard(new DeadLetterQuery(null, sub, null, 0, 2))).isEqualTo(2);

        assertThat(deadLetterIds(new DeadLetterQuery(null, sub, null, 0, 100))).containsExactly(dead.get(2).id());
        assertThat(store.find(dead.get(0).id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DISCARDED);
        assertThat(store.redrive(new DeadLetterQuery(null, sub, null, 0, 100), t0)).as("only the dead one")
                .isEqualTo(1);
        assertThat(store.find(dead.get(1).id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DISCARDED);
    }

    // ---- housekeeping ----

    @Test
    void countIsAtLeastWhatThisTestCreatedInEachStatus() {
        UUID sub = UUID.randomUUID();
        List<Delivery> made = enqueueMany(sub, UUID.randomUUID(), 4, t0);
        assertThat(store.count(DeliveryStatus.PENDING)).isGreaterThanOrEqualTo(4);
        store.claim(List.of(sub), t0, 10, LEASE);
        store.markDelivered(made.get(0).id(), new DeliveryAttempt(t0, 204, null, 1));
        store.markDead(made.get(1).id(), failure(t0));

        assertThat(store.count(DeliveryStatus.LEASED)).isGreaterThanOrEqualTo(2);
        assertThat(store.count(DeliveryStatus.DELIVERED)).isGreaterThanOrEqualTo(1);
        assertThat(store.count(DeliveryStatus.DEAD)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void retentionForgetsOnlyFinishedDeliveriesCreatedBeforeTheCutoff() {
        UUID sub = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        List<Delivery> old = enqueueMany(sub, tenant, 4, t0);
        Delivery recent = delivery(sub, tenant, 5, null, t0.plusSeconds(60));
        store.enqueue(List.of(recent));
        store.claim(List.of(sub), t0.plusSeconds(60), 10, LEASE);
        store.markDelivered(old.get(0).id(), new DeliveryAttempt(t0, 204, null, 1));
        store.markDelivered(recent.id(), new DeliveryAttempt(t0, 204, null, 1));
        store.markDead(old.get(1).id(), failure(t0));
        store.markDead(old.get(2).id(), failure(t0));
        store.discard(new DeadLetterQuery(null, sub, null, 0, 1));

        long purged = store.purgeFinishedBefore(t0.plusSeconds(30));

        assertThat(purged).as("at least this test's two; a shared store may hold older finished ones")
                .isGreaterThanOrEqualTo(2);
        assertThat(store.find(old.get(0).id())).as("delivered before the cutoff").isEmpty();
        assertThat(store.find(old.get(1).id())).as("discarded before the cutoff").isEmpty();
        assertThat(store.find(old.get(2).id())).as("a dead letter stays").isPresent();
        assertThat(store.find(old.get(3).id())).as("an open delivery stays").isPresent();
        assertThat(store.find(recent.id())).as("delivered after the cutoff").isPresent();
        assertThat(store.enqueue(List.of(copyWithNewId(old.get(0), null)))).as("the same event is new again")
                .isEqualTo(1);
    }

    @Test
    void deleteForSubscriptionDropsOnlyThatSubscriptionsDeliveries() {
        UUID gone = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        UUID tenant = UUID.randomUUID();
        List<Delivery> ofGone = enqueueMany(gone, tenant, 3, t0);
        killAll(List.of(ofGone.get(0)));
        List<Delivery> ofKept = enqueueMany(kept, tenant, 2, t0);

        store.deleteForSubscription(gone);

        assertThat(ofGone).allSatisfy(d -> assertThat(store.find(d.id())).isEmpty());
        assertThat(deadLetterIds(new DeadLetterQuery(null, gone, null, 0, 100))).isEmpty();
        assertThat(claimIds(List.of(gone, kept), t0, 10)).containsExactlyInAnyOrderElementsOf(ids(ofKept));
        assertThat(store.enqueue(List.of(copyWithNewId(ofGone.get(1), null)))).as("enqueue after deletion")
                .isEqualTo(1);
    }

    // ---- helpers ----

    /** A pending delivery of a fresh event with type {@value #TYPE}, due at {@code due}. */
    protected static Delivery delivery(UUID sub, UUID tenant, long position, String orderingKey, Instant due) {
        return new Delivery(EventIds.next(), 0, sub, tenant, EventIds.next(), TYPE, position, orderingKey,
                DeliveryStatus.PENDING, 0, due, null, null, due, List.of());
    }

    /** Enqueues one delivery due at {@link #t0} and claims it there with a 30 s lease. */
    protected Delivery enqueueAndClaim(UUID sub) {
        Delivery d = delivery(sub, UUID.randomUUID(), 1, null, t0);
        store.enqueue(List.of(d));
        assertThat(claimIds(List.of(sub), t0, 10)).containsExactly(d.id());
        return d;
    }

    private static Delivery copyWithNewId(Delivery d, UUID replayId) {
        return new Delivery(EventIds.next(), 0, d.subscriptionId(), d.tenantId(), d.eventId(), d.eventType(),
                d.position(), d.orderingKey(), DeliveryStatus.PENDING, 0, d.nextAttemptAt(), null, replayId,
                d.createdAt(), List.of());
    }

    private static DeliveryAttempt failure(Instant at) {
        return new DeliveryAttempt(at, 500, "boom", 12);
    }

    private List<Delivery> enqueueMany(UUID sub, UUID tenant, int count, Instant due) {
        List<Delivery> made = IntStream.range(0, count)
                .mapToObj(i -> delivery(sub, tenant, i + 1, null, due))
                .toList();
        assertThat(store.enqueue(made)).isEqualTo(count);
        return made;
    }

    /** Claims each delivery and marks it dead, in the given order. */
    private List<Delivery> killAll(List<Delivery> deliveries) {
        Set<UUID> wanted = new HashSet<>(ids(deliveries));
        Set<UUID> subs = new HashSet<>();
        deliveries.forEach(d -> subs.add(d.subscriptionId()));
        Instant late = deliveries.stream().map(Delivery::nextAttemptAt).max(Instant::compareTo).orElse(t0);
        Set<UUID> claimed = new HashSet<>();
        for (Delivery d : store.claim(subs, late, 1000, LEASE)) {
            claimed.add(d.id());
        }
        assertThat(claimed).containsAll(wanted);
        deliveries.forEach(d -> store.markDead(d.id(), failure(late)));
        return deliveries;
    }

    private List<UUID> claimIds(Collection<UUID> subs, Instant now, int limit) {
        return ids(store.claim(subs, now, limit, LEASE));
    }

    private List<UUID> deadLetterIds(DeadLetterQuery query) {
        return ids(store.deadLetters(query).items());
    }

    private static List<UUID> ids(Collection<Delivery> deliveries) {
        return deliveries.stream().map(Delivery::id).toList();
    }
}

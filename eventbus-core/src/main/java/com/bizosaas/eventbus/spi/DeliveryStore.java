package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.model.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Persisted delivery schedule: pending attempts, leases (worker claims and pull leases) and dead
 * letters. Thread-safe; several bus instances may share one store, and a claimed delivery is
 * never handed to two claimers while its lease lasts. Contract: {@code DeliveryStoreContract}.
 */
public interface DeliveryStore extends AutoCloseable {

    /**
     * Adds pending deliveries. Idempotent on (subscription id, event id, replay id): one that
     * exists already is left as it is. Returns how many were new.
     */
    int enqueue(List<Delivery> deliveries);

    /**
     * Leases up to {@code limit} deliveries of the given subscriptions that are due: pending with
     * {@code next_attempt_at <= now}, or leased with an expired lease. A delivery with an ordering
     * key is only claimable when no earlier (lower position) delivery of the same subscription
     * and key is still pending or leased. When several tenants have due work, each gets a share
     * of the limit, so one tenant's backlog cannot starve the others. Reclaiming a delivery whose
     * lease expired records the unsettled attempt ({@link DeliveryAttempt#leaseExpired} at
     * {@code now}) and counts it in {@code attempts}.
     */
    List<Delivery> claim(Collection<UUID> subscriptionIds, Instant now, int limit, Duration lease);

    /**
     * Extends the leases of deliveries that are still leased to {@code leaseUntil}: a claimer
     * renews what it is attempting, so leases stay short (work of a dead instance is taken over
     * soon) while a long attempt keeps its own. A delivery no longer leased is left as it is.
     */
    void extendLeases(Collection<UUID> deliveryIds, Instant leaseUntil);

    /** Records a successful attempt; the delivery is done. */
    void markDelivered(UUID deliveryId, DeliveryAttempt attempt);

    /**
     * A puller's acknowledgement of several deliveries, in one store call: records {@code attempt}
     * as the successful attempt of each of {@code deliveryIds} if every one of them is leased to
     * {@code subscriptionId}; if any is not, changes nothing. Returns the deliveries that were
     * leased, as they were before (fewer than asked when nothing changed). This default reads and
     * settles one delivery at a time; a store that can should do it in one round trip.
     */
    default List<Delivery> acknowledgeLeased(UUID subscriptionId, Collection<UUID> deliveryIds,
                                             DeliveryAttempt attempt) {
        List<Delivery> leased = new ArrayList<>(deliveryIds.size());
        for (UUID id : new LinkedHashSet<>(deliveryIds)) {
            find(id).filter(d -> d.subscriptionId().equals(subscriptionId))
                    .filter(d -> d.status() == DeliveryStatus.LEASED)
                    .ifPresent(leased::add);
        }
        if (leased.size() == new HashSet<>(deliveryIds).size()) {
            leased.forEach(d -> markDelivered(d.id(), attempt));
        }
        return leased;
    }

    /** Records a failed attempt (if any) and makes the delivery pending again at {@code nextAttemptAt}. */
    void reschedule(UUID deliveryId, DeliveryAttempt attempt, Instant nextAttemptAt);

    /**
     * Records the last failed attempt; the delivery becomes a dead letter. {@code attempt} is
     * {@code null} when the last attempt is already recorded (an expired lease, see {@link #claim}).
     */
    void markDead(UUID deliveryId, DeliveryAttempt attempt);

    Optional<Delivery> find(UUID deliveryId);

    /** Dead letters matching the query, oldest first. */
    Page<Delivery> deadLetters(DeadLetterQuery query);

    /**
     * Makes matching dead letters pending again, due at {@code now}, with a fresh attempt budget
     * (their attempt log is kept). Returns how many.
     */
    int redrive(DeadLetterQuery query, Instant now);

    /** Marks matching dead letters discarded. Returns how many. */
    int discard(DeadLetterQuery query);

    /** How many deliveries are in {@code status} (for metrics). */
    long count(DeliveryStatus status);

    /**
     * Retention: forgets delivered and discarded deliveries created before {@code cutoff} (a
     * later enqueue of the same subscription and event is then new again). Returns how many, like
     * {@link EventRetention#purgeBefore}. The engine calls it for stores that are not durable; a durable
     * store applies the event TTL in its own maintenance.
     */
    long purgeFinishedBefore(Instant cutoff);

    /** Drops every delivery of a deleted subscription. */
    void deleteForSubscription(UUID subscriptionId);

    /**
     * Whether deliveries outlive this process. When they do not, the engine makes first attempts
     * of in-process deliveries without recording them and records only those that fail: a record
     * that dies with the process protects nothing, and costs more than the handler call.
     */
    default boolean isDurable() {
        return true;
    }

    /** Releases what the store holds (connections, threads); the default holds nothing. */
    @Override
    default void close() {
    }
}

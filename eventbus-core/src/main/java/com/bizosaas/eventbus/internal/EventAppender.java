package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.IdempotencyKeyReusedException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Appends a batch that passed the publish stages and hands the new events to the broker. Each
 * subject's lock ({@link SubjectOrder}) is held from before the append until the hand-off, so the
 * broker sees one subject's events in position order. The store's commit is the point of no
 * loss: a receipt exists only after it. Thread-safe.
 */
final class EventAppender {
    private final EventStore store;
    private final SubjectOrder subjectOrder = new SubjectOrder();
    private final BrokerHandoff handoff;
    private final EngineCounters stats;
    /** Told of every newly stored event, in position order per subject (catch-up followers). */
    private final Consumer<List<Event>> onStored;

    EventAppender(EventStore store, BrokerHandoff handoff, EngineCounters stats, Consumer<List<Event>> onStored) {
        this.store = store;
        this.handoff = handoff;
        this.stats = stats;
        this.onStored = onStored;
    }

    /**
     * Stores {@code drafts} (a duplicate returns its stored original) and hands the new ones on;
     * {@code requests} are the same events before encryption, which a duplicate's original (read
     * back in clear) must equal: encrypted data never equals itself twice (fresh nonces).
     */
    List<PublishReceipt> append(List<Event> drafts, List<Event> requests) {
        return subjectOrder.inOrder(drafts, () -> {
            List<AppendResult> results = store.append(drafts);
            List<Event> fresh = new ArrayList<>(results.size());
            List<PublishReceipt> receipts = new ArrayList<>(results.size());
            for (AppendResult r : results) {
                receipts.add(new PublishReceipt(r.event().id(), r.event().position(), r.event().time(),
                        r.duplicate()));
                if (!r.duplicate()) {
                    fresh.add(r.event());
                }
            }
            stats.recordPublished(fresh.size());
            handoff.hand(fresh);
            onStored.accept(fresh);
            requireSameRequests(requests, results);
            return receipts;
        });
    }

    /** Appends to an event-sourced stream at {@code expectedVersion} and hands the events on. */
    List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> drafts) {
        return subjectOrder.inOrder(drafts, () -> {
            List<Event> stored = store.appendToStream(tenantId, streamId, expectedVersion, drafts);
            stats.recordPublished(stored.size());
            handoff.hand(stored);
            onStored.accept(stored);
            return stored;
        });
    }

    /** Refuses a duplicate whose stored original is a different request: its key or id was reused. */
    private static void requireSameRequests(List<Event> drafts, List<AppendResult> results) {
        for (int i = 0; i < drafts.size(); i++) {
            Event draft = drafts.get(i);
            Event original = results.get(i).event();
            if (results.get(i).duplicate() && !draft.isSameRequestAs(original)) {
                boolean sameId = draft.id().equals(original.id());
                throw new IdempotencyKeyReusedException((sameId
                        ? "event_id " + draft.id()
                        : "idempotency_key '" + draft.idempotencyKey() + "'")
                        + " was already used for a different event (" + original.id() + ", "
                        + original.eventType() + "); use a new key for a new event", sameId ? "event_id"
                        : "idempotency_key", i);
            }
        }
    }
}

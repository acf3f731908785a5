package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.EventRouter;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored events to the broker and keeps the outbox honest. Publishing is asynchronous: a
 * publisher returns once its event is stored. An event leaves the outbox only once it has been
 * dispatched, whatever the broker; a durable broker's confirmation is recorded too, so that only
 * events the broker never took are republished after {@code outboxDelay} (a lagging dispatcher is
 * not flooded with duplicates). When the broker reports that it lost messages, every confirmation
 * is forgotten and the whole undispatched backlog is republished at once, in store order. Both
 * kinds of record are written in batches. Thread-safe.
 */
final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    private static final int RELAY_BATCH = 500;
    /** Batches per relay round, so a large backlog does not hold the relay thread for long. */
    private static final int MAX_BATCHES_PER_ROUND = 100;

    private final EventStore store;
    private final MessageBroker broker;
    private final EventRouter router;
    private final Clock clock;
    private final Duration outboxDelay;
    private final ConfirmationPolicy confirmation;
    private final ConcurrentLinkedQueue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<UUID> dispatched = new ConcurrentLinkedQueue<>();
    /** Confirmations taken at the last flush and not written yet; guarded by {@code this}. */
    private List<UUID> heldConfirmations = new ArrayList<>();
    /** When the broker last reported a loss that the relay has not handled yet. */
    private final AtomicReference<Instant> lossToHandle = new AtomicReference<>();
    /** Events stored before this are republished without waiting for the outbox delay. */
    private volatile Instant republishAtOnceBefore = Instant.MIN;

    OutboxRelay(EngineSettings settings, ConfirmationPolicy confirmation) {
        this.store = settings.store();
        this.broker = settings.broker();
        this.router = settings.router();
        this.clock = settings.clock();
        this.outboxDelay = settings.outboxDelay();
        this.confirmation = confirmation;
    }

    /**
     * At start-up, events a durable broker confirmed but that are still in the outbox may have been
     * dispatched by a process that died before recording it, or never: republishing them is the
     * only way to know, and dispatch de-duplicates.
     */
    void start() {
        if (confirmation.republishesConfirmedAtStart()) {
            lossToHandle.set(clock.instant());
        }
    }

    /** Sends freshly stored events; a failure is only logged, the relay retries from the store. */
    CompletableFuture<Void> send(List<Event> events) {
        if (events.size() == 1) {
            // The common case (one publish call, one event) needs no grouping.
            Event e = events.get(0);
            return sendTo(router.destination(e), events);
        }
        Map<Destination, List<Event>> byDestination = new LinkedHashMap<>();
        for (Event e : events) {
            byDestination.computeIfAbsent(router.destination(e), d -> new ArrayList<>()).add(e);
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>(byDestination.size());
        byDestination.forEach((destination, batch) -> sends.add(sendTo(destination, batch)));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> sendTo(Destination destination, List<Event> batch) {
        List<BrokerMessage> messages = new ArrayList<>(batch.size());
        for (Event e : batch) {
            messages.add(router.message(e));
        }
        CompletableFuture<Void> sent;
        try {
            sent = broker.publish(destination, messages);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((ok, error) -> {
            if (error == null) {
                if (confirmation.recordsBrokerAcks()) {
                    batch.forEach(e -> confirmed.add(e.id()));
                }
            } else {
                THROTTLED.warn("publish:" + destination.topic(),
                        "Broker did not take {} event(s) for {}; the outbox relay will republish them: {}",
                        batch.size(), destination, error.toString());
            }
        });
    }

    /** Records that an event was dispatched: it leaves the outbox. */
    void dispatched(UUID eventId) {
        dispatched.add(eventId);
    }

    /** The broker lost confirmed messages: the next relay round republishes every undispatched event. */
    void brokerLostMessages(String reason) {
        LOG.warn("The broker lost messages it had confirmed ({}); republishing every stored event not yet "
                + "dispatched", reason);
        lossToHandle.set(clock.instant());
    }

    /**
     * Records dispatches, and the confirmations that arrived before the previous flush, each kind
     * in one store call. A confirmation waits one flush because the dispatch that removes its row
     * usually arrives within it, and then flagging the row is a wasted store call.
     */
    void flushConfirmations() {
        flush(false);
    }

    /** Records every confirmation and dispatch received so far (before a relay round, and at close). */
    void flushAllConfirmations() {
        flush(true);
    }

    private synchronized void flush(boolean all) {
        List<UUID> dispatchedIds = drain(dispatched);
        List<UUID> toConfirm = heldConfirmations;
        List<UUID> fresh = drain(confirmed);
        if (all) {
            toConfirm.addAll(fresh);
            heldConfirmations = new ArrayList<>();
        } else {
            heldConfirmations = fresh;
        }
        if (!dispatchedIds.isEmpty()) {
            Set<UUID> gone = new HashSet<>(dispatchedIds);
            toConfirm.removeIf(gone::contains);
            heldConfirmations.removeIf(gone::contains);
        }
        record(toConfirm, store::markConfirmed, "broker confirmation");
        record(dispatchedIds, store::markDispatched, "dispatch");
    }

    private static List<UUID> drain(ConcurrentLinkedQueue<UUID> queue) {
        List<UUID> ids = new ArrayList<>();
        UUID id;
        while ((id = queue.poll()) != null) {
            ids.add(id);
        }
        return ids;
    }

    private static void record(List<UUID> ids, Consumer<List<UUID>> writer, String what) {
        if (!ids.isEmpty()) {
            try {
                writer.accept(ids);
            } catch (RuntimeException e) {
                // An unrecorded confirmation costs a republish, an unrecorded dispatch one at the next
                // start; dispatch de-duplicates, so either only costs work.
                THROTTLED.warn("record:" + what, "Could not record {} {}(s): {}", ids.size(), what, e.toString());
            }
        }
    }

    /**
     * Forgets the confirmations a reported loss made worthless (on whichever instance saw the
     * loss) and, when {@code republish} (this instance runs the cluster's relay), republishes events
     * stored longer than {@code outboxDelay} ago and never confirmed, and after a loss seen here
     * every undispatched event, oldest first, until none is left or the broker refuses.
     */
    void relayUnconfirmed(boolean republish) {
        // All of them: a held confirmation would make its event look unconfirmed to this round.
        flushAllConfirmations();
        Instant lost = lossToHandle.get();
        if (lost != null) {
            long forgotten = store.forgetConfirmations(lost);
            lossToHandle.compareAndSet(lost, null);
            if (lost.isAfter(republishAtOnceBefore)) {
                republishAtOnceBefore = lost;
            }
            if (forgotten > 0) {
                LOG.info("Outbox relay republishing {} confirmed but undispatched event(s)", forgotten);
            }
        }
        if (!republish) {
            return;
        }
        Instant due = clock.instant().minus(outboxDelay);
        Instant storedBefore = republishAtOnceBefore.isAfter(due) ? republishAtOnceBefore : due;
        for (int batch = 0; batch < MAX_BATCHES_PER_ROUND; batch++) {
            List<Event> stale = store.unpublished(storedBefore, RELAY_BATCH);
            if (stale.isEmpty()) {
                return;
            }
            LOG.info("Outbox relay republishing {} unconfirmed event(s)", stale.size());
            boolean taken = send(stale).handle((ok, error) -> error == null).join();
            flushAllConfirmations();
            if (!taken || stale.size() < RELAY_BATCH || !confirmation.relaysSeveralBatchesPerRound()) {
                return;
            }
        }
    }
}

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Batches per relay round, so a large backlog does not hold the housekeeping thread for long. */
    private static final int MAX_BATCHES_PER_ROUND = 100;

    private final EventStore store;
    private final MessageBroker broker;
    private final EventRouter router;
    private final Clock clock;
    private final Duration outboxDelay;
    /** Chosen once: a broker living in this process's memory confirms nothing a crash would not take. */
    private final boolean recordConfirmations;
    private final ConcurrentLinkedQueue<UUID> confirmed = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<UUID> dispatched = new ConcurrentLinkedQueue<>();
    /** When the broker last reported a loss that the relay has not handled yet. */
    private final AtomicReference<Instant> lossToHandle = new AtomicReference<>();
    /** Events stored before this are republished without waiting for the outbox delay. */
    private volatile Instant republishAtOnceBefore = Instant.MIN;

    OutboxRelay(EngineSettings settings) {
        this.store = settings.store();
        this.broker = settings.broker();
        this.router = settings.router();
        this.clock = settings.clock();
        this.outboxDelay = settings.outboxDelay();
        this.recordConfirmations = settings.broker().isDurable();
    }

    /**
     * At start-up, events a durable broker confirmed but that are still in the outbox may have been
     * dispatched by a process that died before recording it, or never: republishing them is the
     * only way to know, and dispatch de-duplicates.
     */
    void start() {
        if (recordConfirmations) {
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
                if (recordConfirmations) {
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

    /** Records confirmations and dispatches, each kind in one store call. */
    void flushConfirmations() {
        record(confirmed, store::markConfirmed, "broker confirmation");
        record(dispatched, store::markDispatched, "dispatch");
    }

    private static void record(ConcurrentLinkedQueue<UUID> queue, Consumer<List<UUID>> writer,
                               String what) {
        List<UUID> ids = new ArrayList<>();
        UUID id;
        while ((id = queue.poll()) != null) {
            ids.add(id);
        }
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
        flushConfirmations();
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
            flushConfirmations();
            if (!taken || stale.size() < RELAY_BATCH || !recordConfirmations) {
                // Without recorded confirmations the same events would come back at once.
                return;
            }
        }
    }
}

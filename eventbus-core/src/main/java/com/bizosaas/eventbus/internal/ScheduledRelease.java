package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands scheduled events to the broker when they fall due, on every broker and without any broker
 * feature: they wait in the store's outbox with their due time ({@link EventStore#releaseDue}), so
 * a schedule survives restarts on a durable store and each event is released by one instance.
 * Events due at one instant go to the broker in position order, each batch taken before the next
 * is released. Runs on its own thread ({@code eventbus-schedule}), so a long outbox relay round
 * does not make scheduled events late. Thread-safe.
 */
final class ScheduledRelease {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduledRelease.class);
    private static final int BATCH = 500;
    /** How often the store is asked for due events: the bound on lateness, less the hand-off. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    private final EventStore store;
    private final OutboxRelay relay;
    private final Clock clock;
    private final ScheduledExecutorService thread = Threads.scheduled("eventbus-schedule");

    ScheduledRelease(EngineSettings settings, OutboxRelay relay) {
        this.store = settings.store();
        this.relay = relay;
        this.clock = settings.clock();
    }

    /** The events to hand to the broker now; scheduled ones wait for {@link #releaseDue}. */
    static List<Event> immediate(List<Event> stored) {
        for (Event e : stored) {
            if (e.isScheduled()) {
                return stored.stream().filter(s -> !s.isScheduled()).toList();
            }
        }
        return stored;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::releaseQuietly, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void close() {
        thread.shutdownNow();
    }

    void cancel(UUID tenantId, UUID eventId) {
        switch (store.cancelScheduled(tenantId, eventId)) {
            case CANCELLED -> LOG.debug("Scheduled event {} cancelled", eventId);
            case NOT_FOUND -> throw new NotFoundException("event " + eventId + " not found");
            case NOT_PENDING -> throw new ConflictException("not_scheduled", "event " + eventId
                    + " is not waiting for its due time: it was not scheduled, is already dispatched or was "
                    + "cancelled");
        }
    }

    private void releaseQuietly() {
        try {
            releaseDue();
        } catch (RuntimeException e) {
            // The store may be down; what is due now is released at the next round.
            LOG.warn("Releasing scheduled events failed: {}", e.toString());
        }
    }

    /** Releases everything due now, in order; a batch the broker refuses is left to the outbox relay. */
    void releaseDue() {
        List<Event> due;
        do {
            due = store.releaseDue(clock.instant(), BATCH);
            if (!due.isEmpty()) {
                LOG.debug("Releasing {} scheduled event(s)", due.size());
                // Waiting for the broker keeps one instant's events in position order across batches.
                relay.send(due).exceptionally(error -> null).join();
            }
        } while (due.size() == BATCH);
    }
}

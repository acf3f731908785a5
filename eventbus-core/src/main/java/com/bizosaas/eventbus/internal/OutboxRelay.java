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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored events to the broker and keeps the outbox honest. Publishing is asynchronous: a
 * publisher returns once its event is stored; confirmations are recorded in batches (a durable
 * broker's confirmation, or for an in-memory broker the dispatch itself). Events never confirmed
 * (broker down, process killed) are republished from the store after {@code outboxDelay}, so
 * nothing stored is ever left undispatched. Thread-safe.
 */
final class OutboxRelay {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    private static final int RELAY_BATCH = 500;

    private final EventStore store;
    private final MessageBroker broker;
    private final EventRouter router;
    private final Clock clock;
    private final Duration outboxDelay;
    private final ConcurrentLinkedQueue<UUID> confirmed = new ConcurrentLinkedQueue<>();

    OutboxRelay(EngineSettings settings) {
        this.store = settings.store();
        this.broker = settings.broker();
        this.router = settings.router();
        this.clock = settings.clock();
        this.outboxDelay = settings.outboxDelay();
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
                if (broker.isDurable()) {
                    batch.forEach(e -> confirmed.add(e.id()));
                }
            } else {
                THROTTLED.warn("publish:" + destination.topic(),
                        "Broker did not take {} event(s) for {}; the outbox relay will republish them: {}",
                        batch.size(), destination, error.toString());
            }
        });
    }

    /** Records that an event left the outbox's care: dispatched, for a broker that is not durable. */
    void confirm(UUID eventId) {
        confirmed.add(eventId);
    }

    /** Records confirmations in one store call. */
    void flushConfirmations() {
        List<UUID> ids = new ArrayList<>();
        UUID id;
        while ((id = confirmed.poll()) != null) {
            ids.add(id);
        }
        if (!ids.isEmpty()) {
            try {
                store.markPublished(ids);
            } catch (RuntimeException e) {
                // Unmarked events are republished later; dispatch de-duplicates, so this only costs work.
                THROTTLED.warn("confirm", "Could not record {} broker confirmation(s): {}", ids.size(), e.toString());
            }
        }
    }

    /** Republishes events stored longer than {@code outboxDelay} ago and never confirmed. */
    void relayUnconfirmed() {
        flushConfirmations();
        List<Event> stale = store.unpublished(clock.instant().minus(outboxDelay), RELAY_BATCH);
        if (!stale.isEmpty()) {
            LOG.info("Outbox relay republishing {} unconfirmed event(s)", stale.size());
            send(stale).exceptionally(e -> null).join();
            flushConfirmations();
        }
    }
}

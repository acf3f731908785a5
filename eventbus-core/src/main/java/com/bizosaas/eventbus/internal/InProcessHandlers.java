package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.EventHandler;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventDataMappingException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Handlers registered in this JVM, by subscription id. Thread-safe. */
final class InProcessHandlers {
    private final Map<UUID, EventHandler> handlers = new ConcurrentHashMap<>();

    void put(UUID subscriptionId, EventHandler handler) {
        handlers.put(subscriptionId, handler);
    }

    void remove(UUID subscriptionId) {
        handlers.remove(subscriptionId);
    }

    Optional<EventHandler> get(UUID subscriptionId) {
        return Optional.ofNullable(handlers.get(subscriptionId));
    }

    /** Calls {@code handler}; a thrown exception is a failed attempt, data that does not fit a final one. */
    static AttemptResult invoke(EventHandler handler, Event event) {
        long started = System.nanoTime();
        try {
            handler.handle(event);
            return AttemptResult.ok(0, System.nanoTime() - started);
        } catch (EventDataMappingException e) {
            return AttemptResult.failedForGood(e.getClass().getSimpleName() + ": " + e.getMessage(),
                    System.nanoTime() - started);
        } catch (Exception e) {
            return AttemptResult.failed(0, e.getClass().getSimpleName() + ": " + e.getMessage(), null, false,
                    System.nanoTime() - started);
        }
    }

    /** Of the given active in-process subscriptions, those this JVM can serve. */
    List<UUID> servable(List<UUID> activeInProcess) {
        return activeInProcess.stream().filter(handlers::containsKey).toList();
    }
}

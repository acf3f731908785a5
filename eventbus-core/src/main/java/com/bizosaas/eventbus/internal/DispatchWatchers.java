package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.DispatchWatcher;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.model.Event;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link DispatchWatcher}s, told about each dispatched event in turn. Watchers are
 * few and long-lived (one per server), so a copy-on-write list makes the per-event call free of
 * locks. A failing watcher never fails the dispatch. Thread-safe.
 */
final class DispatchWatchers {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchWatchers.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);

    private final List<DispatchWatcher> watchers = new CopyOnWriteArrayList<>();

    DispatchWatcher.Watch add(DispatchWatcher watcher) {
        if (watcher == null) {
            throw new IllegalArgumentException("watcher must not be null");
        }
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    void dispatched(Event event) {
        for (DispatchWatcher watcher : watchers) {
            try {
                watcher.dispatched(event);
            } catch (RuntimeException e) {
                THROTTLED.warn("watcher", "A dispatch watcher failed on event {}: {}", event.id(), e.toString());
            }
        }
    }
}

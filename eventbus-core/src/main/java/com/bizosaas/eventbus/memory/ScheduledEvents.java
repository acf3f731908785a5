package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.model.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Stored events waiting for their due time, in the order they are released: due time, then
 * tenant and position. Thread-safe; each event is taken out once, by a release or a cancel.
 */
final class ScheduledEvents {
    private record Key(Instant dueAt, UUID tenantId, long position) {
    }

    private static final Comparator<Key> ORDER = Comparator.comparing(Key::dueAt)
            .thenComparing(Key::tenantId).thenComparingLong(Key::position);

    private final ConcurrentSkipListMap<Key, Event> byDueTime = new ConcurrentSkipListMap<>(ORDER);
    private final ConcurrentHashMap<UUID, Key> keys = new ConcurrentHashMap<>();

    void add(Event event) {
        Key key = new Key(event.deliverAt(), event.tenantId(), event.position());
        keys.put(event.id(), key);
        byDueTime.put(key, event);
    }

    /** Takes out up to {@code limit} events due at or before {@code now}, in release order. */
    List<Event> takeDue(Instant now, int limit) {
        List<Event> due = new ArrayList<>();
        while (due.size() < limit) {
            Map.Entry<Key, Event> first = byDueTime.firstEntry();
            if (first == null || first.getKey().dueAt().isAfter(now)) {
                break;
            }
            // remove() decides between racing releases and cancels: only one of them gets the event.
            if (byDueTime.remove(first.getKey(), first.getValue())) {
                keys.remove(first.getValue().id());
                due.add(first.getValue());
            }
        }
        return due;
    }

    /** True if the event was waiting and now will not be released. */
    boolean cancel(UUID eventId) {
        Key key = keys.remove(eventId);
        return key != null && byDueTime.remove(key) != null;
    }

    int size() {
        return byDueTime.size();
    }
}

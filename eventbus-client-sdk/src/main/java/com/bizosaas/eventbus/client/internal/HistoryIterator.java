package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.HistoryPage;
import com.bizosaas.eventbus.client.HistoryQuery;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Walks every event matching a query, fetching the next page (by the previous page's cursor)
 * only when the current one is used up. Not thread-safe.
 */
final class HistoryIterator implements Iterator<Event> {
    private final Function<HistoryQuery, HistoryPage> fetch;
    private final HistoryQuery query;
    private Iterator<Event> current;
    private Long nextCursor;
    private boolean started;

    HistoryIterator(Function<HistoryQuery, HistoryPage> fetch, HistoryQuery query) {
        this.fetch = fetch;
        this.query = query;
    }

    @Override
    public boolean hasNext() {
        while (current == null || !current.hasNext()) {
            if (started && nextCursor == null) {
                return false;
            }
            HistoryPage page = fetch.apply(started ? query.after(nextCursor) : query);
            started = true;
            current = page.events().iterator();
            nextCursor = page.nextCursor();
        }
        return true;
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events in the history");
        }
        return current.next();
    }
}

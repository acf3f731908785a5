package com.bizosaas.eventbus.model;

import java.util.List;

/**
 * One page of a keyset-paged result.
 *
 * @param nextCursor the cursor to pass for the next page, or 0 when this is the last page
 */
public record Page<T>(List<T> items, long nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return nextCursor != 0;
    }
}

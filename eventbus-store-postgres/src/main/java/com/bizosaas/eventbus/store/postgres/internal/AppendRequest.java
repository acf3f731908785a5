package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.AppendResult;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One caller's append waiting for a group commit: plain events, or events for an event-sourced
 * stream that must be at {@code expectedVersion}. {@code result} completes after the commit.
 *
 * @param streamId {@code null} for a plain append
 */
record AppendRequest(List<Event> events, UUID streamTenant, String streamId, long expectedVersion,
                     CompletableFuture<List<AppendResult>> result) {

    static AppendRequest plain(List<Event> events) {
        return new AppendRequest(List.copyOf(events), null, null, 0, new CompletableFuture<>());
    }

    static AppendRequest stream(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        return new AppendRequest(List.copyOf(events), tenantId, streamId, expectedVersion, new CompletableFuture<>());
    }

    boolean isStream() {
        return streamId != null;
    }
}

package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.sourcing.Snapshot;
import java.util.Optional;
import java.util.UUID;

/**
 * The latest snapshot per event-sourced stream. Thread-safe. Contract: {@code SnapshotStoreContract}
 * in core's test-jar.
 */
public interface SnapshotStore extends AutoCloseable {

    /**
     * Keeps the snapshot unless the stream already has one of a higher version (a slower writer
     * must not replace a newer state with an older one). Returns the snapshot now kept.
     */
    Snapshot save(Snapshot snapshot);

    Optional<Snapshot> latest(UUID tenantId, String streamId);

    @Override
    default void close() {
    }
}

package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.sourcing.Snapshot;
import com.bizosaas.eventbus.spi.SnapshotStore;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded {@link SnapshotStore}: the latest snapshot per stream in memory, lost on exit. Thread-safe. */
public final class InMemorySnapshotStore implements SnapshotStore {
    private record Key(UUID tenantId, String streamId) {
    }

    private final Map<Key, Snapshot> latest = new ConcurrentHashMap<>();

    @Override
    public Snapshot save(Snapshot snapshot) {
        return latest.merge(new Key(snapshot.tenantId(), snapshot.streamId()), snapshot,
                (kept, offered) -> offered.version() >= kept.version() ? offered : kept);
    }

    @Override
    public Optional<Snapshot> latest(UUID tenantId, String streamId) {
        return Optional.ofNullable(latest.get(new Key(tenantId, streamId)));
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.sourcing.Snapshot;
import com.bizosaas.eventbus.spi.SnapshotStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@link SnapshotStore} on PostgreSQL ({@code stream_snapshots}), in the tenant's scope. Thread-safe. */
public final class PostgresSnapshotStore implements SnapshotStore {
    private static final String COLUMNS = "tenant_id, stream_id, version, state, created_at";

    private static final RowMapper<Snapshot> MAPPER = (rs, ctx) -> new Snapshot(
            rs.getObject("tenant_id", UUID.class),
            rs.getString("stream_id"),
            rs.getLong("version"),
            Json.read(rs.getString("state"), new TypeReference<ObjectNode>() { }),
            Json.instant(rs, "created_at"));

    private final Transactions transactions;
    private final Runnable onClose;

    /** @param onClose releases this store's share of the database; may run more than once */
    public PostgresSnapshotStore(Transactions transactions, Runnable onClose) {
        this.transactions = transactions;
        this.onClose = onClose;
    }

    @Override
    public Snapshot save(Snapshot s) {
        return transactions.inTenant(s.tenantId(), "saving a snapshot", handle -> handle.createQuery("""
                        INSERT INTO stream_snapshots AS kept (""" + COLUMNS + """
                        ) VALUES (:tenant, :stream, :version, CAST(:state AS jsonb), :createdAt)
                        ON CONFLICT (tenant_id, stream_id) DO UPDATE SET
                            version = EXCLUDED.version, state = EXCLUDED.state, created_at = EXCLUDED.created_at
                            WHERE kept.version <= EXCLUDED.version
                        RETURNING\s""" + COLUMNS)
                .bind("tenant", s.tenantId())
                .bind("stream", s.streamId())
                .bind("version", s.version())
                .bind("state", Json.write(s.state()))
                .bind("createdAt", Json.utc(Json.micros(s.createdAt())))
                .map(MAPPER)
                .findOne()
                // No row back: a newer snapshot is kept, which is what the caller gets.
                .orElseGet(() -> find(handle, s.tenantId(), s.streamId()).orElseThrow()));
    }

    @Override
    public Optional<Snapshot> latest(UUID tenantId, String streamId) {
        return transactions.inTenant(tenantId, "loading a snapshot", handle -> find(handle, tenantId, streamId));
    }

    private static Optional<Snapshot> find(Handle handle, UUID tenantId, String streamId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM stream_snapshots"
                        + " WHERE tenant_id = :tenant AND stream_id = :stream")
                .bind("tenant", tenantId)
                .bind("stream", streamId)
                .map(MAPPER)
                .findOne();
    }

    @Override
    public void close() {
        onClose.run();
    }
}

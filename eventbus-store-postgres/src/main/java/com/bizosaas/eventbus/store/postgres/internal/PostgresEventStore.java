package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.StreamAppends;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.bizosaas.eventbus.spi.ScheduleCancellation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * {@link EventStore} on PostgreSQL. Appends go through a {@link GroupCommitWriter}; reads run in
 * the tenant's row-level-security scope; the outbox is the {@code outbox} table. Thread-safe.
 */
public final class PostgresEventStore implements EventStore {
    private final Transactions transactions;
    private final Partitions partitions;
    private final GroupCommitWriter writer;
    private final Supplier<ComponentHealth> databaseHealth;
    private final Runnable onClose;
    private volatile String deploymentId;

    /**
     * @param clock   stamps when events were stored, for the outbox relay
     * @param onClose releases this store's share of the database; may run more than once
     */
    public PostgresEventStore(Transactions transactions, Partitions partitions,
                              Supplier<ComponentHealth> databaseHealth, Clock clock, Runnable onClose) {
        this.transactions = transactions;
        this.partitions = partitions;
        this.databaseHealth = databaseHealth;
        this.onClose = onClose;
        this.writer = new GroupCommitWriter(transactions, clock, "eventbus-postgres-append");
    }

    @Override
    public List<AppendResult> append(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        events.forEach(StreamAppends::requireStorable);
        return writer.append(AppendRequest.plain(events));
    }

    @Override
    public List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        StreamAppends.check(tenantId, streamId, expectedVersion, events);
        List<Event> drafts = new ArrayList<>(events.size());
        for (Event e : events) {
            drafts.add(e.toBuilder().subject(streamId).build());
        }
        if (drafts.isEmpty()) {
            return List.of();
        }
        return writer.append(AppendRequest.stream(tenantId, streamId, expectedVersion, drafts)).stream()
                .map(AppendResult::event)
                .toList();
    }

    @Override
    public Page<Event> query(EventQuery query) {
        EventQuerySql sql = EventQuerySql.of(query);
        List<Event> rows = transactions.inTenant(query.tenantId(), "querying events", handle -> {
            Query q = handle.createQuery(sql.text());
            sql.parameters().forEach(q::bind);
            return q.map(EventRows.MAPPER).list();
        });
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, 0);
        }
        List<Event> page = rows.subList(0, query.limit());
        return new Page<>(page, page.get(page.size() - 1).position());
    }

    @Override
    public List<Event> findAll(UUID tenantId, Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return List.of();
        }
        return transactions.inTenant(tenantId, "finding events", handle -> handle.createQuery(
                        "SELECT " + EventRows.COLUMNS + " FROM event_keys k " + EventRows.JOIN_KEYS
                                + " WHERE k.tenant_id = :tenant AND k.event_id = ANY(:ids) ORDER BY k.position")
                .bind("tenant", tenantId)
                .bindArray("ids", UUID.class, eventIds)
                .map(EventRows.MAPPER)
                .list());
    }

    @Override
    public int rewriteData(UUID tenantId, Map<UUID, ObjectNode> data) {
        if (data.isEmpty()) {
            return 0;
        }
        return transactions.inTenant(tenantId, "rewriting event data", handle -> {
            PreparedBatch batch = handle.prepareBatch("UPDATE events e SET data = CAST(:data AS jsonb)"
                    + " FROM event_keys k WHERE k.tenant_id = :tenant AND k.event_id = :id"
                    + " AND e.tenant_id = k.tenant_id AND e.position = k.position AND e.time = k.time");
            data.forEach((id, value) -> batch.bind("tenant", tenantId).bind("id", id)
                    .bind("data", Json.write(value)).add());
            int rewritten = 0;
            for (int count : batch.execute()) {
                rewritten += count;
            }
            return rewritten;
        });
    }

    @Override
    public List<Event> readStream(UUID tenantId, String streamId, long fromVersion) {
        return transactions.inTenant(tenantId, "reading a stream", handle -> handle.createQuery(
                        "SELECT " + EventRows.COLUMNS + " FROM event_keys k " + EventRows.JOIN_KEYS
                                + " WHERE k.tenant_id = :tenant AND k.stream_id = :stream"
                                + " AND k.stream_version >= :from ORDER BY k.stream_version")
                .bind("tenant", tenantId)
                .bind("stream", streamId)
                .bind("from", fromVersion)
                .map(EventRows.MAPPER)
                .list());
    }

    @Override
    public List<Event> unpublished(Instant storedBefore, int limit) {
        return transactions.asSystem("reading the outbox", handle -> handle.createQuery(
                        "SELECT " + EventRows.COLUMNS + " FROM outbox k " + EventRows.JOIN_KEYS
                                + " WHERE NOT k.confirmed AND k.stored_at < :before AND k.due_at IS NULL"
                                + " ORDER BY k.stored_at, k.tenant_id, k.position LIMIT :limit")
                .bind("before", Json.utc(storedBefore))
                .bind("limit", limit)
                .map(EventRows.MAPPER)
                .list());
    }

    @Override
    public void markConfirmed(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        transactions.asSystem("recording broker confirmations", handle -> handle.createUpdate(
                        "UPDATE outbox SET confirmed = true WHERE event_id = ANY(:ids) AND NOT confirmed")
                .bindArray("ids", UUID.class, eventIds)
                .execute());
    }

    @Override
    public void markDispatched(Collection<UUID> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        transactions.asSystem("recording dispatches", handle -> handle.createUpdate(
                        "DELETE FROM outbox WHERE event_id = ANY(:ids)")
                .bindArray("ids", UUID.class, eventIds)
                .execute());
    }

    @Override
    public long forgetConfirmations(Instant storedBefore) {
        return transactions.asSystem("forgetting broker confirmations", handle -> handle.createUpdate(
                        "UPDATE outbox SET confirmed = false WHERE confirmed AND stored_at < :before")
                .bind("before", Json.utc(storedBefore))
                .execute());
    }

    /**
     * Clears the due time of the rows due first and restamps them as stored now, in one statement;
     * {@code SKIP LOCKED} lets instances releasing at the same time take different rows.
     */
    private static final String RELEASE_DUE = """
            WITH due AS (
                SELECT event_id, tenant_id, due_at FROM outbox
                WHERE due_at IS NOT NULL AND due_at <= :now
                ORDER BY due_at, tenant_id, position LIMIT :limit
                FOR UPDATE SKIP LOCKED
            )
            UPDATE outbox o SET due_at = NULL, stored_at = :now
            FROM due WHERE o.event_id = due.event_id AND o.tenant_id = due.tenant_id
            RETURNING o.tenant_id, o.position, o.time, due.due_at""";

    @Override
    public List<Event> releaseDue(Instant now, int limit) {
        return transactions.asSystem("releasing scheduled events", handle -> {
            List<ReleasedRow> released = handle.createQuery(RELEASE_DUE)
                    .bind("now", Json.utc(now))
                    .bind("limit", limit)
                    .map((rs, ctx) -> new ReleasedRow(rs.getObject("tenant_id", UUID.class), rs.getLong("position"),
                            Json.instant(rs, "time"), Json.instant(rs, "due_at")))
                    .list();
            if (released.isEmpty()) {
                return List.of();
            }
            released.sort(ReleasedRow.ORDER);
            Map<String, Event> byLocation = new HashMap<>();
            handle.createQuery("SELECT " + EventRows.COLUMNS + " FROM unnest(:tenants, :positions, "
                            + "CAST(:times AS timestamptz[])) AS k(tenant_id, position, time) " + EventRows.JOIN_KEYS)
                    .bindArray("tenants", UUID.class, released.stream().map(ReleasedRow::tenantId).toList())
                    .bindArray("positions", Long.class, released.stream().map(ReleasedRow::position).toList())
                    .bindArray("times", String.class, released.stream().map(r -> r.time().toString()).toList())
                    .map(EventRows.MAPPER)
                    .forEach(e -> byLocation.put(e.tenantId() + "/" + e.position(), e));
            List<Event> events = new ArrayList<>(released.size());
            for (ReleasedRow r : released) {
                Event e = byLocation.get(r.tenantId() + "/" + r.position());
                if (e != null) { // purged by retention meanwhile: nothing left to dispatch
                    events.add(e);
                }
            }
            return events;
        });
    }

    private record ReleasedRow(UUID tenantId, long position, Instant time, Instant dueAt) {
        static final Comparator<ReleasedRow> ORDER = Comparator.comparing(ReleasedRow::dueAt)
                .thenComparing(ReleasedRow::tenantId).thenComparingLong(ReleasedRow::position);
    }

    @Override
    public ScheduleCancellation cancelScheduled(UUID tenantId, UUID eventId) {
        return transactions.inTenant(tenantId, "cancelling a scheduled event", handle -> {
            int cancelled = handle.createUpdate("DELETE FROM outbox WHERE tenant_id = :tenant AND event_id = :id "
                            + "AND due_at IS NOT NULL")
                    .bind("tenant", tenantId)
                    .bind("id", eventId)
                    .execute();
            if (cancelled > 0) {
                return ScheduleCancellation.CANCELLED;
            }
            boolean known = handle.createQuery("SELECT 1 FROM event_keys WHERE tenant_id = :tenant AND event_id = :id")
                    .bind("tenant", tenantId)
                    .bind("id", eventId)
                    .mapTo(Integer.class)
                    .findFirst()
                    .isPresent();
            return known ? ScheduleCancellation.NOT_PENDING : ScheduleCancellation.NOT_FOUND;
        });
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return partitions.purgeBefore(cutoff);
    }

    /** The id the first migration of this schema drew; read once, it never changes. */
    @Override
    public String deploymentId() {
        String id = deploymentId;
        if (id == null) {
            id = transactions.asSystem("reading the deployment id", handle -> handle.createQuery(
                            "SELECT id FROM deployment")
                    .mapTo(UUID.class)
                    .one()).toString();
            deploymentId = id;
        }
        return id;
    }

    /** The database and its pool, plus appends waiting for the group commit. */
    @Override
    public ComponentHealth health() {
        ComponentHealth database = databaseHealth.get();
        Map<String, Object> details = new LinkedHashMap<>(database.details());
        details.put("append_queue", writer.queued());
        return new ComponentHealth(database.status(), details);
    }

    /** Stores the appends already queued, then releases this store's share of the database. */
    @Override
    public void close() {
        writer.close();
        onClose.run();
    }

    /** Orders and bounds of a history query, as SQL with named parameters. */
    private record EventQuerySql(String text, Map<String, Object> parameters) {
        static EventQuerySql of(EventQuery q) {
            StringBuilder sql = new StringBuilder("SELECT ").append(EventRows.COLUMNS)
                    .append(" FROM events e WHERE e.tenant_id = :tenant");
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("tenant", q.tenantId());
            boolean oldestFirst = q.order() == SortOrder.OLDEST_FIRST;
            if (!q.eventTypes().isEmpty()) {
                sql.append(" AND e.event_type = ANY(:types)");
                params.put("types", q.eventTypes().toArray(String[]::new));
            }
            condition(sql, params, q.fromTime() != null, "e.time >= :from", "from", Json.utc(q.fromTime()));
            condition(sql, params, q.toTime() != null, "e.time < :to", "to", Json.utc(q.toTime()));
            condition(sql, params, q.subject() != null, "e.subject = :subject", "subject", q.subject());
            condition(sql, params, q.minPosition() > 0, "e.position >= :min", "min", q.minPosition());
            condition(sql, params, q.maxPosition() > 0, "e.position <= :max", "max", q.maxPosition());
            condition(sql, params, q.after() > 0, oldestFirst ? "e.position > :after" : "e.position < :after",
                    "after", q.after());
            sql.append(" ORDER BY e.position ").append(oldestFirst ? "ASC" : "DESC").append(" LIMIT :limit");
            // One row more than asked tells whether another page follows.
            params.put("limit", q.limit() + 1);
            return new EventQuerySql(sql.toString(), params);
        }

        private static void condition(StringBuilder sql, Map<String, Object> params, boolean applies,
                                      String clause, String name, Object value) {
            if (applies) {
                sql.append(" AND ").append(clause);
                params.put(name, value);
            }
        }
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.WrongExpectedVersionException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Writes the requests of one group commit inside the caller's transaction, in a fixed number of
 * statements whatever the number of events: lock the tenants' position counters, then insert every
 * new event with one multi-row statement. Plain appends are not looked up first: the insert skips
 * an event whose id or idempotency key is already stored (the unique indexes of event_keys decide,
 * with no query plan in between) and only those, rare, are then read back as the originals. A
 * batch with stream appends looks up duplicates and stream versions before staging, because a
 * stream append is all or nothing. Decisions are made per request, so one request's conflict never
 * fails the others. Not thread-safe: one instance per transaction.
 */
final class AppendBatch {
    /** Creates missing counters and locks all of them in tenant order, so concurrent writers never deadlock. */
    private static final String LOCK_COUNTERS = """
            INSERT INTO tenant_positions (tenant_id, last_position)
            SELECT t, 0 FROM unnest(:tenants) AS t ORDER BY t
            ON CONFLICT (tenant_id) DO UPDATE SET last_position = tenant_positions.last_position
            RETURNING tenant_id, last_position""";

    /**
     * Reads event_keys only: planning a join to the partitioned events table costs more than the
     * whole lookup (milliseconds, growing with the number of partitions), and almost every batch
     * finds nothing. The rare duplicates are then read with {@link #LOAD_STORED}.
     */
    private static final String FIND_STORED = """
            SELECT k.tenant_id, k.position, k.time
            FROM unnest(:idTenants, :ids) AS x(tenant_id, event_id)
            JOIN event_keys k ON k.tenant_id = x.tenant_id AND k.event_id = x.event_id
            UNION
            SELECT k.tenant_id, k.position, k.time
            FROM unnest(:keyTenants, CAST(:keys AS text[])) AS x(tenant_id, idempotency_key)
            JOIN event_keys k ON k.tenant_id = x.tenant_id AND k.idempotency_key = x.idempotency_key
            WHERE k.idempotency_key IS NOT NULL""";

    private static final String LOAD_STORED = """
            SELECT %s FROM unnest(:tenants, :positions, CAST(:times AS timestamptz[])) AS k(tenant_id, position, time)
            %s""".formatted(EventRows.COLUMNS, EventRows.JOIN_KEYS);

    private static final String STREAM_VERSIONS = """
            SELECT x.stream_id,
                   coalesce((SELECT max(k.stream_version) FROM event_keys k
                             WHERE k.tenant_id = x.tenant_id AND k.stream_id = x.stream_id), 0) AS version
            FROM unnest(:tenants, CAST(:streams AS text[])) WITH ORDINALITY AS x(tenant_id, stream_id, n)
            ORDER BY x.n""";

    private static final String INSERT = """
            WITH batch AS (
                SELECT * FROM unnest(:tenant, :position, CAST(:time AS timestamptz[]), :id, CAST(:type AS text[]),
                                     :version, CAST(:source AS text[]), CAST(:priority AS text[]),
                                     CAST(:subject AS text[]), CAST(:correlation AS text[]),
                                     CAST(:causation AS text[]), CAST(:targets AS jsonb[]), CAST(:data AS jsonb[]),
                                     CAST(:metadata AS jsonb[]), CAST(:key AS text[]), CAST(:stream AS text[]),
                                     :streamVersion, :keyStreamVersion, CAST(:deliverAt AS timestamptz[]))
                    AS b(tenant_id, position, time, event_id, event_type, version, source_service, priority, subject,
                         correlation_id, causation_id, target_services, data, metadata, idempotency_key, stream_id,
                         stream_version, key_stream_version, deliver_at)
            ), keys AS (
                INSERT INTO event_keys (tenant_id, event_id, position, time, idempotency_key, stream_id, stream_version)
                SELECT tenant_id, event_id, position, time, idempotency_key, stream_id, key_stream_version FROM batch
                ON CONFLICT DO NOTHING
                RETURNING tenant_id, event_id
            ), stored AS (
                INSERT INTO events (tenant_id, position, time, event_id, event_type, version, source_service,
                                    priority, subject, correlation_id, causation_id, target_services, data, metadata,
                                    idempotency_key, stream_version, deliver_at)
                SELECT tenant_id, position, time, event_id, event_type, version, source_service, priority, subject,
                       correlation_id, causation_id, target_services, data, metadata, idempotency_key, stream_version,
                       deliver_at
                FROM batch JOIN keys USING (tenant_id, event_id)
            ), unconfirmed AS (
                INSERT INTO outbox (event_id, tenant_id, position, time, stored_at, due_at)
                SELECT event_id, tenant_id, position, time, :storedAt,
                       CASE WHEN deliver_at > time THEN deliver_at END
                FROM batch JOIN keys USING (tenant_id, event_id)
            ), counters AS (
                UPDATE tenant_positions p SET last_position = m.last_position
                FROM (SELECT tenant_id, max(position) AS last_position FROM batch GROUP BY tenant_id) m
                WHERE p.tenant_id = m.tenant_id
            )
            SELECT tenant_id, event_id FROM keys""";

    private final Handle handle;
    private final Instant storedAt;
    private final Map<UUID, Long> lastPositions = new HashMap<>();
    /** Events stored before this batch or staged in it, for finding repeats. */
    private final KnownEvents known = new KnownEvents();
    private final Map<StreamKey, Long> streamVersions = new HashMap<>();
    private final List<Staged> staged = new ArrayList<>();

    private AppendBatch(Handle handle, Instant storedAt) {
        this.handle = handle;
        this.storedAt = storedAt;
    }

    /** What became of one request: its results, or the error its caller gets. */
    record Outcome(List<AppendResult> results, RuntimeException error) {
    }

    /**
     * Returns one outcome per request, in order; nothing is final until the caller commits.
     *
     * @param storedAt when the outbox relay should consider these events stored
     */
    static List<Outcome> write(Handle handle, List<AppendRequest> requests, Instant storedAt) {
        AppendBatch batch = new AppendBatch(handle, storedAt);
        batch.lockCounters(requests);
        if (requests.stream().anyMatch(AppendRequest::isStream)) {
            batch.findStored(allEvents(requests)).forEach(batch.known::add);
            batch.loadStreamVersions(requests);
        }
        List<Outcome> outcomes = new ArrayList<>(requests.size());
        for (AppendRequest request : requests) {
            outcomes.add(request.isStream() ? batch.stageStream(request) : batch.stagePlain(request));
        }
        Map<EventKey, Event> originals = batch.originalsOf(batch.insertStaged());
        return originals.isEmpty() ? outcomes : withOriginals(outcomes, originals);
    }

    private static List<Event> allEvents(List<AppendRequest> requests) {
        List<Event> events = new ArrayList<>();
        requests.forEach(r -> events.addAll(r.events()));
        return events;
    }

    private void lockCounters(List<AppendRequest> requests) {
        Set<UUID> tenants = new TreeSet<>();
        requests.forEach(r -> r.events().forEach(e -> tenants.add(e.tenantId())));
        handle.createQuery(LOCK_COUNTERS)
                .bindArray("tenants", UUID.class, tenants)
                .map((rs, ctx) -> Map.entry(rs.getObject("tenant_id", UUID.class), rs.getLong("last_position")))
                .forEach(e -> lastPositions.put(e.getKey(), e.getValue()));
    }

    /** The stored events that have the id or the idempotency key of one of {@code events}. */
    private List<Event> findStored(List<Event> events) {
        List<UUID> idTenants = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        List<UUID> keyTenants = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Event e : events) {
            idTenants.add(e.tenantId());
            ids.add(e.id());
            if (e.idempotencyKey() != null) {
                keyTenants.add(e.tenantId());
                keys.add(e.idempotencyKey());
            }
        }
        List<StoredRow> hits = handle.createQuery(FIND_STORED)
                .bindArray("idTenants", UUID.class, idTenants)
                .bindArray("ids", UUID.class, ids)
                .bindArray("keyTenants", UUID.class, keyTenants)
                .bindArray("keys", String.class, keys)
                .map((rs, ctx) -> new StoredRow(rs.getObject("tenant_id", UUID.class), rs.getLong("position"),
                        Json.instant(rs, "time").toString()))
                .list();
        if (hits.isEmpty()) {
            return List.of();
        }
        return handle.createQuery(LOAD_STORED)
                .bindArray("tenants", UUID.class, hits.stream().map(StoredRow::tenantId).toList())
                .bindArray("positions", Long.class, hits.stream().map(StoredRow::position).toList())
                .bindArray("times", String.class, hits.stream().map(StoredRow::time).toList())
                .map(EventRows.MAPPER)
                .list();
    }

    private void loadStreamVersions(List<AppendRequest> requests) {
        List<UUID> tenants = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        for (AppendRequest r : requests) {
            if (r.isStream()) {
                tenants.add(r.streamTenant());
                streams.add(r.streamId());
            }
        }
        if (streams.isEmpty()) {
            return;
        }
        List<Long> versions = handle.createQuery(STREAM_VERSIONS)
                .bindArray("tenants", UUID.class, tenants)
                .bindArray("streams", String.class, streams)
                .map((rs, ctx) -> rs.getLong("version"))
                .list();
        for (int i = 0; i < versions.size(); i++) {
            streamVersions.put(new StreamKey(tenants.get(i), streams.get(i)), versions.get(i));
        }
    }

    private Outcome stagePlain(AppendRequest request) {
        List<AppendResult> results = new ArrayList<>(request.events().size());
        for (Event e : request.events()) {
            Event original = known.originalOf(e);
            results.add(original != null
                    ? new AppendResult(original, true)
                    : new AppendResult(stage(e, null, e.streamVersion()), false));
        }
        return new Outcome(results, null);
    }

    private Outcome stageStream(AppendRequest request) {
        StreamKey stream = new StreamKey(request.streamTenant(), request.streamId());
        long current = streamVersions.getOrDefault(stream, 0L);
        if (request.expectedVersion() != EventStore.ANY_VERSION && request.expectedVersion() != current) {
            return new Outcome(null, new WrongExpectedVersionException(request.streamId(), current,
                    request.expectedVersion()));
        }
        Set<UUID> idsInRequest = new HashSet<>();
        Set<String> keysInRequest = new HashSet<>();
        for (Event e : request.events()) {
            boolean repeated = !idsInRequest.add(e.id())
                    || (e.idempotencyKey() != null && !keysInRequest.add(e.idempotencyKey()));
            if (repeated || known.originalOf(e) != null) {
                return new Outcome(null, new ConflictException("duplicate_event", "event " + e.id()
                        + (e.idempotencyKey() == null ? "" : " (idempotency key '" + e.idempotencyKey() + "')")
                        + " is already stored; stream '" + request.streamId() + "' was not changed"));
            }
        }
        List<AppendResult> results = new ArrayList<>(request.events().size());
        for (Event e : request.events()) {
            results.add(new AppendResult(stage(e, request.streamId(), ++current), false));
        }
        streamVersions.put(stream, current);
        return new Outcome(results, null);
    }

    /**
     * @param streamId set for an event-sourced stream append: only those events join the stream (a
     *                 plain append keeps whatever stream version its event carries, outside any stream)
     */
    private Event stage(Event e, String streamId, Long streamVersion) {
        long position = lastPositions.merge(e.tenantId(), 1L, Long::sum);
        // The draft was validated when it was built; the store only adds what it assigns.
        Event stored = e.withAssigned(e.id(), Json.micros(e.time()), position, streamVersion);
        if (e.deliverAt() != null) {
            // As PostgreSQL keeps it, so the answer equals what a later read returns.
            stored = stored.toBuilder().deliverAt(Json.micros(e.deliverAt())).build();
        }
        staged.add(new Staged(stored, streamId));
        known.add(stored);
        return stored;
    }

    /** Inserts the staged events; returns those the insert skipped because their id or key was already stored. */
    private List<Event> insertStaged() {
        if (staged.isEmpty()) {
            return List.of();
        }
        Set<EventKey> inserted = new HashSet<>(handle.createQuery(INSERT)
                .bindArray("tenant", UUID.class, eventColumn(Event::tenantId))
                .bindArray("position", Long.class, eventColumn(Event::position))
                .bindArray("time", String.class, eventColumn(e -> e.time().toString()))
                .bindArray("id", UUID.class, eventColumn(Event::id))
                .bindArray("type", String.class, eventColumn(Event::eventType))
                .bindArray("version", Integer.class, eventColumn(Event::version))
                .bindArray("source", String.class, eventColumn(Event::sourceService))
                .bindArray("priority", String.class, eventColumn(e -> e.priority().wireName()))
                .bindArray("subject", String.class, eventColumn(Event::subject))
                .bindArray("correlation", String.class, eventColumn(Event::correlationId))
                .bindArray("causation", String.class, eventColumn(Event::causationId))
                .bindArray("targets", String.class, eventColumn(e -> Json.write(e.targetServices())))
                .bindArray("data", String.class, eventColumn(e -> Json.write(e.data())))
                .bindArray("metadata", String.class, eventColumn(e -> Json.write(e.metadata())))
                .bindArray("key", String.class, eventColumn(Event::idempotencyKey))
                .bindArray("stream", String.class, column(Staged::streamId))
                .bindArray("streamVersion", Long.class, eventColumn(Event::streamVersion))
                .bindArray("keyStreamVersion", Long.class, column(s -> s.streamId() == null ? null
                        : s.event().streamVersion()))
                .bindArray("deliverAt", String.class, eventColumn(e -> e.deliverAt() == null ? null
                        : e.deliverAt().toString()))
                .bind("storedAt", Json.utc(storedAt))
                .map((rs, ctx) -> new EventKey(rs.getObject("tenant_id", UUID.class), rs.getObject("event_id", UUID.class)))
                .list());
        if (inserted.size() == staged.size()) {
            return List.of();
        }
        List<Event> skipped = new ArrayList<>();
        for (Staged s : staged) {
            if (!inserted.contains(new EventKey(s.event().tenantId(), s.event().id()))) {
                skipped.add(s.event());
            }
        }
        return skipped;
    }

    /**
     * The stored original of each skipped event, by its id first, else by its idempotency key. A
     * stream append is never skipped: its batch looked duplicates up before staging, under the
     * tenants' counter locks, which every append takes before it writes.
     */
    private Map<EventKey, Event> originalsOf(List<Event> skipped) {
        if (skipped.isEmpty()) {
            return Map.of();
        }
        KnownEvents stored = new KnownEvents();
        findStored(skipped).forEach(stored::add);
        Map<EventKey, Event> originals = new HashMap<>();
        for (Event e : skipped) {
            Event original = stored.originalOf(e);
            if (original == null) {
                throw new IllegalStateException("event " + e.id() + " was not inserted, yet nothing stored has its id"
                        + " or idempotency key");
            }
            originals.put(new EventKey(e.tenantId(), e.id()), original);
        }
        return originals;
    }

    /**
     * Replaces every result that names a skipped event (the event itself, or a later event of the
     * batch that repeated its id or key) by the stored original, as a duplicate.
     */
    private static List<Outcome> withOriginals(List<Outcome> outcomes, Map<EventKey, Event> originals) {
        List<Outcome> resolved = new ArrayList<>(outcomes.size());
        for (Outcome outcome : outcomes) {
            if (outcome.results() == null) {
                resolved.add(outcome);
                continue;
            }
            List<AppendResult> results = new ArrayList<>(outcome.results().size());
            for (AppendResult r : outcome.results()) {
                Event original = originals.get(new EventKey(r.event().tenantId(), r.event().id()));
                results.add(original == null ? r : new AppendResult(original, true));
            }
            resolved.add(new Outcome(results, null));
        }
        return resolved;
    }

    private <T> List<T> eventColumn(Function<Event, T> field) {
        return column(s -> field.apply(s.event()));
    }

    private <T> List<T> column(Function<Staged, T> field) {
        List<T> values = new ArrayList<>(staged.size());
        staged.forEach(s -> values.add(field.apply(s)));
        return values;
    }

    private record Staged(Event event, String streamId) {
    }

    /** Where a stored event's row is. */
    private record StoredRow(UUID tenantId, long position, String time) {
    }

    private record EventKey(UUID tenantId, UUID eventId) {
    }

    /** Events by id and by idempotency key; the first event of a key keeps it. */
    private static final class KnownEvents {
        private final Map<EventKey, Event> byId = new HashMap<>();
        private final Map<IdempotencyKey, Event> byIdempotencyKey = new HashMap<>();

        void add(Event e) {
            byId.put(new EventKey(e.tenantId(), e.id()), e);
            if (e.idempotencyKey() != null) {
                byIdempotencyKey.putIfAbsent(new IdempotencyKey(e.tenantId(), e.idempotencyKey()), e);
            }
        }

        /** The known event {@code e} repeats: by its id first, else by its idempotency key; null if none. */
        Event originalOf(Event e) {
            Event byEventId = byId.get(new EventKey(e.tenantId(), e.id()));
            if (byEventId != null || e.idempotencyKey() == null) {
                return byEventId;
            }
            return byIdempotencyKey.get(new IdempotencyKey(e.tenantId(), e.idempotencyKey()));
        }
    }

    private record IdempotencyKey(UUID tenantId, String key) {
    }

    private record StreamKey(UUID tenantId, String streamId) {
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.Priority;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/** How an {@link Event} is laid out in the {@code events} table (alias {@code e}). */
final class EventRows {
    static final String COLUMNS = "e.tenant_id, e.position, e.time, e.event_id, e.event_type, e.version, "
            + "e.source_service, e.priority, e.subject, e.correlation_id, e.causation_id, e.target_services, "
            + "e.data, e.metadata, e.idempotency_key, e.stream_version, e.deliver_at";

    /** Joins {@code event_keys k} to the event row; the time lets PostgreSQL probe one partition. */
    static final String JOIN_KEYS = "JOIN events e ON e.tenant_id = k.tenant_id AND e.position = k.position "
            + "AND e.time = k.time";

    private static final TypeReference<ObjectNode> DATA = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> TARGETS = new TypeReference<>() {
    };

    static final RowMapper<Event> MAPPER = (rs, ctx) -> Event.builder()
            .tenant(rs.getObject("tenant_id", UUID.class))
            .position(rs.getLong("position"))
            .time(Json.instant(rs, "time"))
            .id(rs.getObject("event_id", UUID.class))
            .type(rs.getString("event_type"))
            .version(rs.getInt("version"))
            .source(rs.getString("source_service"))
            .priority(Priority.fromWire(rs.getString("priority")))
            .subject(rs.getString("subject"))
            .correlationId(rs.getString("correlation_id"))
            .causationId(rs.getString("causation_id"))
            .targetServices(Json.read(rs.getString("target_services"), TARGETS))
            .data(Json.read(rs.getString("data"), DATA))
            .metadata(Json.read(rs.getString("metadata"), METADATA))
            .idempotencyKey(rs.getString("idempotency_key"))
            .streamVersion(Json.nullableLong(rs, "stream_version"))
            .deliverAt(Json.instant(rs, "deliver_at"))
            .build();

    private EventRows() {
    }
}

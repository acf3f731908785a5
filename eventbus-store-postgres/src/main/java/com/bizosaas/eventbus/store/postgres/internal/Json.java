package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** JSON and time conversions between the model and PostgreSQL columns, with the event codec's mapper. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        try {
            return WireJson.writer().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new EventBusException("encoding_failed", "cannot encode " + value.getClass().getSimpleName()
                    + " as JSON: " + e.getOriginalMessage(), false, e);
        }
    }

    static <T> T read(String json, TypeReference<T> type) {
        try {
            return WireJson.reader().forType(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw new EventBusException("decoding_failed", "cannot decode stored JSON: " + e.getOriginalMessage(),
                    false, e);
        }
    }

    /** PostgreSQL keeps microseconds; storing a truncated time keeps what was appended equal to what is read. */
    static Instant micros(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime utc(Instant time) {
        return time == null ? null : OffsetDateTime.ofInstant(time, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

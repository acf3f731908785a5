package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import io.javalin.http.Context;
import java.util.List;

/**
 * The {@code schema_version} a reader asks for: {@code stored} (the default, events as they were
 * published) or {@code latest} (each upcast to the newest version of its type, a copy; the stored
 * event is never changed). Thread-safe.
 */
final class SchemaVersions {
    static final String STORED = "stored";
    static final String LATEST = "latest";

    private final SchemaRegistry registry;

    SchemaVersions(SchemaRegistry registry) {
        this.registry = registry;
    }

    boolean wantsLatest(Context ctx) {
        return isLatest(Params.queryText(ctx, "schema_version"), "schema_version");
    }

    /** Reads {@code stored}, {@code latest} or absent (stored). */
    static boolean isLatest(String value, String field) {
        if (value == null || value.equals(STORED)) {
            return false;
        }
        if (value.equals(LATEST)) {
            return true;
        }
        throw new ValidationException("invalid_field", field + " must be stored or latest; got " + quote(value), field);
    }

    Event deliver(Event event, boolean latest) {
        return latest ? registry.toLatest(event) : event;
    }

    List<Event> deliver(List<Event> events, boolean latest) {
        return latest ? events.stream().map(registry::toLatest).toList() : events;
    }
}

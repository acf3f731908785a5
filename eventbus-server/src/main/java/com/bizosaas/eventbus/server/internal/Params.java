package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import io.javalin.http.Context;
import java.util.UUID;

/** Typed path and query parameters; a bad value is a 400 naming the parameter. Stateless. */
final class Params {
    private Params() {
    }

    static UUID pathUuid(Context ctx, String name, String field) {
        return uuid(ctx.pathParam(name), field);
    }

    /** A path segment that must be an integer within [min, max]. */
    static long pathLong(Context ctx, String name, long min, long max) {
        String raw = ctx.pathParam(name);
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ValidationException("invalid_field",
                name + " must be an integer between " + min + " and " + max + "; got " + quote(raw), name);
    }

    static UUID queryUuid(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : uuid(raw, name);
    }

    static long queryLong(Context ctx, String name, long fallback, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new ValidationException("invalid_field",
                name + " must be an integer between " + min + " and " + max + "; got " + quote(raw), name);
    }

    static boolean queryBool(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank() || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw new ValidationException("invalid_field", name + " must be true or false; got " + quote(raw), name);
    }

    static String queryText(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : raw;
    }

    /** Parses a UUID in its canonical 36-character form; anything else is a 400 naming {@code field}. */
    static UUID uuid(String raw, String field) {
        try {
            if (raw.length() == 36) {
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ValidationException("invalid_field", field + " must be a UUID; got " + quote(raw), field);
    }
}

package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.IdempotencyKeyReusedException;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.RateLimitedException;
import com.bizosaas.eventbus.UnauthorizedException;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.schema.IncompatibleSchemaException;
import com.bizosaas.eventbus.schema.SchemaValidationException;
import com.bizosaas.eventbus.tenancy.TenantRateLimitedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into the JSON error body
 * {@code {"error": code, "message": sentence, "field": name}} ({@code field} only when one field
 * is at fault) and its status: validation 400 (a reused idempotency key and data refused by its
 * registered schema 422), an incompatible schema 409 with its {@code breaking_changes}, unauthorized
 * 401/403, not found 404, conflict 409, rate limited 429 with {@code Retry-After}, unavailable 503; Javalin's own 404/405/413/415 too.
 * Anything else is a 500 whose details go to the log, not to the client.
 */
final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final int UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

    private final int maxBodyBytes;

    ApiErrors(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.exception(ValidationException.class, (e, ctx) -> write(ctx, 400, e.code(), e.getMessage(), e.field()));
        routes.exception(IdempotencyKeyReusedException.class,
                (e, ctx) -> write(ctx, 422, e.code(), e.getMessage(), e.field()));
        routes.exception(SchemaValidationException.class,
                (e, ctx) -> write(ctx, 422, e.code(), e.getMessage(), e.field()));
        routes.exception(IncompatibleSchemaException.class, (e, ctx) -> {
            Map<String, Object> body = body(e.code(), e.getMessage(), null);
            body.put("breaking_changes", e.breakingChanges());
            ctx.status(409).json(body);
        });
        routes.exception(NotFoundException.class, (e, ctx) -> write(ctx, 404, e.code(), e.getMessage(), null));
        routes.exception(ConflictException.class, (e, ctx) -> write(ctx, 409, e.code(), e.getMessage(), null));
        routes.exception(RateLimitedException.class, (e, ctx) -> {
            ctx.header("Retry-After", Long.toString(wholeSeconds(e.retryAfter())));
            if (e instanceof TenantRateLimitedException tenant) {
                // The IETF RateLimit header fields: the bucket's size, what is left, seconds until full.
                ctx.header("RateLimit-Limit", Integer.toString(tenant.limit().burst()));
                ctx.header("RateLimit-Remaining", Long.toString(tenant.remaining()));
                ctx.header("RateLimit-Reset", Long.toString(wholeSeconds(tenant.untilFull())));
            }
            write(ctx, 429, e.code(), e.getMessage(), null);
        });
        routes.exception(UnauthorizedException.class, (e, ctx) -> {
            if (!e.isForbidden()) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            write(ctx, e.isForbidden() ? 403 : 401, e.code(), e.getMessage(), null);
        });
        routes.exception(UnavailableException.class, (e, ctx) -> {
            LOG.warn("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", Integer.toString(UNAVAILABLE_RETRY_AFTER_SECONDS));
            write(ctx, 503, e.code(), e.getMessage(), null);
        });
        routes.exception(EventBusException.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            write(ctx, e.isTransient() ? 503 : 500, e.code(), e.getMessage(), null);
        });
        routes.exception(HttpResponseException.class, this::writeHttpError);
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
            write(ctx, 500, "internal_error", "the server failed to handle the request; see its log", null);
        });
    }

    /** Rounded up, at least 1: a client told 0 would retry at once and be refused again. */
    private static long wholeSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** Javalin's own responses: unknown route, wrong method, body too large, wrong content type. */
    private void writeHttpError(HttpResponseException e, Context ctx) {
        int status = e.getStatus();
        switch (status) {
            case 404 -> write(ctx, 404, "not_found", "no route for " + ctx.method() + " " + quote(ctx.path()), null);
            case 405 -> write(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + quote(ctx.path())
                    + allowed(e), null);
            case 413 -> write(ctx, 413, "payload_too_large",
                    "the request body exceeds EVENTBUS_MAX_EVENT_BYTES (" + maxBodyBytes + " bytes)", null);
            default -> write(ctx, status, codeOf(status), e.getMessage(), null);
        }
    }

    private static String allowed(HttpResponseException e) {
        String methods = e.getDetails().get("availableMethods");
        return methods == null ? "" : "; allowed: " + methods;
    }

    static String codeOf(int status) {
        return HttpStatus.forStatus(status).getMessage().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    static void write(Context ctx, int status, String code, String message, String field) {
        ctx.status(status).json(body(code, message, field));
    }

    private static Map<String, Object> body(String code, String message, String field) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (field != null) {
            body.put("field", field);
        }
        return body;
    }
}

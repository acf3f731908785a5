package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.Caller;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.tenancy.AuditEntry;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Records an administrative action of a request in the {@link AuditLog}, with the acting key's id
 * and name. Routes call it after the change succeeded, with details that never hold a secret.
 * Thread-safe.
 */
final class AuditTrail {
    private final AuditLog log;
    private final AccessControl access;
    private final Clock clock;

    AuditTrail(AuditLog log, AccessControl access, Clock clock) {
        this.log = log;
        this.access = access;
        this.clock = clock;
    }

    /**
     * @param tenant the tenant the action concerns; null for a platform-wide one
     * @param target the id of what was changed (a key, a subscription, a tenant), or null
     */
    void record(Context ctx, UUID tenant, String action, Object target, Map<String, ?> details) {
        Caller caller = access.caller(ctx);
        log.record(new AuditEntry(0, clock.instant().truncatedTo(ChronoUnit.MILLIS), caller.keyId(),
                caller.keyName(), tenant, action, target == null ? null : target.toString(),
                WireJson.toTree(details)));
    }
}

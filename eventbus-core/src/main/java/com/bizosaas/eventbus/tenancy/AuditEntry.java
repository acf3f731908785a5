package com.bizosaas.eventbus.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.UUID;

/**
 * One administrative action: who did it (the acting key's id and name; the id is null for a
 * caller without a key, in open mode), for which tenant (null: platform-wide), what and to what,
 * and the change itself, which never holds a secret. {@code sequence} is assigned by the
 * {@link com.bizosaas.eventbus.spi.AuditLog} (0 before it is recorded) and orders the log.
 * Immutable.
 *
 * @param action  what was done, e.g. {@code api_key.created}, {@code subscription.paused}
 * @param target  the id of what it was done to (a key, a subscription, a tenant), or null
 * @param details the change, as JSON
 */
public record AuditEntry(long sequence, Instant time, UUID actorKeyId, String actorName, UUID tenantId,
                         String action, String target, JsonNode details) {

    public AuditEntry {
        if (time == null || actorName == null || action == null) {
            throw new IllegalArgumentException("an audit entry needs a time, an actor name and an action");
        }
        details = details == null ? JsonNodeFactory.instance.objectNode() : details.deepCopy();
    }

    public AuditEntry withSequence(long assigned) {
        return new AuditEntry(assigned, time, actorKeyId, actorName, tenantId, action, target, details);
    }
}

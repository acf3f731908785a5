package com.bizosaas.eventbus.schema;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.publishing.PublishStage;
import com.bizosaas.eventbus.spi.SchemaStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON Schemas per (tenant or global, event type, version), with compatibility checked at
 * registration, validation of published events, and upcasting of stored events to a newer
 * version. A tenant's own versions of a type take precedence over the global ones; types
 * without any schema are not checked. Compiled schemas are cached and reloaded from the store
 * every few seconds, so other instances' registrations are seen. Thread-safe; {@link #close()}
 * closes its store.
 */
public interface SchemaRegistry extends AutoCloseable {

    /** A registry on {@code store}; {@code clock} decides when cached versions are reloaded. */
    static SchemaRegistry of(SchemaStore store, Clock clock) {
        return new DefaultSchemaRegistry(store, clock);
    }

    /**
     * Registers the next version of the type in the scope ({@code tenantId}, or {@code null} for
     * global), after checking it against the previous one under the type's {@link Compatibility}.
     *
     * @param upcast declarative steps from the previous version to this one (may be empty), see {@link Upcasts}
     * @throws IncompatibleSchemaException listing the breaking changes
     * @throws com.bizosaas.eventbus.ValidationException when the schema or the steps are invalid
     */
    RegisteredSchema register(UUID tenantId, String eventType, ObjectNode schema, ArrayNode upcast);

    /** Every version visible to the tenant (its own and the global ones); {@code null}: the global ones. */
    List<RegisteredSchema> list(UUID tenantId);

    /** The scope's versions of the type, oldest first. */
    List<RegisteredSchema> versions(UUID scope, String eventType);

    Optional<RegisteredSchema> find(UUID scope, String eventType, int version);

    /** The type's setting in the scope; {@link Compatibility#DEFAULT} when none was set. */
    Compatibility compatibility(UUID scope, String eventType);

    void setCompatibility(UUID scope, String eventType, Compatibility compatibility);

    /** Registers a Java upcaster from {@code fromVersion} to the next, for every tenant. */
    void upcaster(String eventType, int fromVersion, Upcaster upcaster);

    /** The newest version the tenant's events of this type can be upcast to (at least 1). */
    int latestVersion(UUID tenantId, String eventType);

    /**
     * The event as of {@code targetVersion} (a copy; the stored event is never changed), through
     * the chain of upcasters and declarative steps; the event itself when it is already at or past
     * that version.
     *
     * @throws com.bizosaas.eventbus.ValidationException when a step of the chain is missing
     */
    Event upcast(Event event, int targetVersion);

    /** {@link #upcast} to {@link #latestVersion}. */
    default Event toLatest(Event event) {
        return upcast(event, latestVersion(event.tenantId(), event.eventType()));
    }

    /** Closes the store underneath. */
    @Override
    void close();

    /** The publish stage that validates each event's data against its type and version (422 on a mismatch). */
    PublishStage validation();
}

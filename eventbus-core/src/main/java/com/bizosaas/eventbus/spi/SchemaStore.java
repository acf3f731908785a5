package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.schema.Compatibility;
import com.bizosaas.eventbus.schema.RegisteredSchema;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Durable schema versions and compatibility settings, per scope: a tenant, or {@code null} for
 * the schemas every tenant shares. The store only keeps what it is given; numbering and
 * compatibility are the registry's. Thread-safe. Contract: {@code SchemaStoreContract} in core's
 * test-jar.
 */
public interface SchemaStore extends AutoCloseable {

    /**
     * Stores a new version. Returns false, storing nothing, when that scope already has this
     * type and version (another registration won the race).
     */
    boolean insert(RegisteredSchema schema);

    /** The scope's versions of the type, oldest first; empty when it has none. */
    List<RegisteredSchema> versions(UUID scope, String eventType);

    /** Every version of every type in the scope, by type then version. */
    List<RegisteredSchema> list(UUID scope);

    /** The type's compatibility setting in the scope, if one was set. */
    Optional<Compatibility> compatibility(UUID scope, String eventType);

    void setCompatibility(UUID scope, String eventType, Compatibility compatibility);

    @Override
    default void close() {
    }
}

package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.tenancy.AuditEntry;
import java.util.UUID;

/**
 * The append-only record of administrative actions. Thread-safe. Contract: {@code AuditLogContract}
 * in core's test-jar.
 */
public interface AuditLog extends AutoCloseable {

    /** Appends the entry; returns it with its sequence, larger than every earlier entry's. */
    AuditEntry record(AuditEntry entry);

    /**
     * Newest first. {@code tenant} null: every entry; otherwise that tenant's only.
     * {@code before} 0: from the newest; otherwise entries with a smaller sequence (the previous
     * page's {@link Page#nextCursor()}).
     */
    Page<AuditEntry> list(UUID tenant, long before, int limit);

    @Override
    default void close() {
    }
}

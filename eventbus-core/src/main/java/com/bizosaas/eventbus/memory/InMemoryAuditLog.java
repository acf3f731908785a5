package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.AuditLog;
import com.bizosaas.eventbus.tenancy.AuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The embedded {@link AuditLog}: entries in this process's memory, lost on exit. Thread-safe. */
public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized AuditEntry record(AuditEntry entry) {
        AuditEntry recorded = entry.withSequence(entries.size() + 1L);
        entries.add(recorded);
        return recorded;
    }

    @Override
    public synchronized Page<AuditEntry> list(UUID tenant, long before, int limit) {
        List<AuditEntry> page = new ArrayList<>();
        int start = before == 0 ? entries.size() - 1 : (int) Math.min(before - 1, entries.size()) - 1;
        for (int i = start; i >= 0 && page.size() <= limit; i--) {
            AuditEntry entry = entries.get(i);
            if (tenant == null || Objects.equals(entry.tenantId(), tenant)) {
                page.add(entry);
            }
        }
        boolean more = page.size() > limit;
        List<AuditEntry> items = more ? page.subList(0, limit) : page;
        return new Page<>(items, more ? items.get(limit - 1).sequence() : 0);
    }
}

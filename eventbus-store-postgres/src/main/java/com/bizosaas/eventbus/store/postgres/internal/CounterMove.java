package com.bizosaas.eventbus.store.postgres.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Moves tenants' position counters from the last position a group commit started after to the last
 * one it wrote, as the group commit's final statement. The move only succeeds if each counter still
 * stands where the group commit started: then no other transaction has committed, or can commit,
 * those positions, since the moved row stays locked until this transaction ends and any other
 * writer of those positions must move the same row from the same value first. The lock also orders
 * commits: a group commit that started after this one waits here until this one has committed, so
 * no position becomes visible after a larger one. Immutable.
 *
 * @param from each tenant's last position before the group commit
 * @param to   each tenant's last position after it
 */
record CounterMove(Map<UUID, Long> from, Map<UUID, Long> to) {
    /** Tenant order, so that two transactions moving the same counters never wait for each other in a cycle. */
    private static final String MOVE = """
            UPDATE tenant_positions p SET last_position = x.last_position
            FROM (SELECT * FROM unnest(:tenants, :from, :to) AS u(tenant_id, from_position, last_position)
                  ORDER BY tenant_id) x
            WHERE p.tenant_id = x.tenant_id AND p.last_position = x.from_position""";

    /** Returns false if a counter moved meanwhile: the group commit must then roll back and be redone. */
    boolean apply(Handle handle) {
        Map<UUID, Long> moved = new TreeMap<>();
        to.forEach((tenant, last) -> {
            if (!last.equals(from.get(tenant))) {
                moved.put(tenant, last);
            }
        });
        if (moved.isEmpty()) {
            return true;
        }
        List<Long> starts = new ArrayList<>(moved.size());
        moved.keySet().forEach(tenant -> starts.add(from.get(tenant)));
        int updated = handle.createUpdate(MOVE)
                .bindArray("tenants", UUID.class, moved.keySet())
                .bindArray("from", Long.class, starts)
                .bindArray("to", Long.class, moved.values())
                .execute();
        return updated == moved.size();
    }
}

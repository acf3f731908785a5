package com.bizosaas.eventbus.store.postgres.internal;

import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs work in one transaction on the application's pool, whose connections act as the
 * application role, so row-level security applies. The transaction sees either one tenant's rows
 * ({@link #inTenant}) or, for the store's own cross-tenant work, every tenant's
 * ({@link #asSystem}); a transaction that sets neither sees no rows at all. Thread-safe.
 */
public final class Transactions {
    private final Jdbi jdbi;
    private final AvailabilityGate gate;

    /** @param gate fails calls at once while PostgreSQL is known to be down */
    public Transactions(Jdbi jdbi, AvailabilityGate gate) {
        this.jdbi = jdbi;
        this.gate = gate;
    }

    /**
     * @param action what the work does, for error messages ("querying events")
     */
    public <T> T inTenant(UUID tenantId, String action, SqlWork<T> work) {
        return run(action, handle -> {
            // Transaction-local (true): a pooled connection never carries a tenant into its next use.
            handle.createQuery("SELECT set_config('app.tenant_id', :tenant, true)")
                    .bind("tenant", tenantId.toString())
                    .mapTo(String.class)
                    .one();
            return work.run(handle);
        });
    }

    public <T> T asSystem(String action, SqlWork<T> work) {
        return run(action, handle -> {
            handle.execute("SET LOCAL app.scope = 'system'");
            return work.run(handle);
        });
    }

    /** In the tenant's scope when {@code tenantId} is given, else in the system scope. */
    public <T> T scoped(UUID tenantId, String action, SqlWork<T> work) {
        return tenantId == null ? asSystem(action, work) : inTenant(tenantId, action, work);
    }

    private <T> T run(String action, SqlWork<T> work) {
        gate.requireOpen(action);
        try {
            return jdbi.inTransaction(work::run);
        } catch (RuntimeException e) {
            gate.failed(e);
            throw PostgresErrors.translate(action, e);
        }
    }

    /** Work done with an open handle inside the transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Handle handle);
    }
}

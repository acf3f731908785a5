package com.bizosaas.eventbus.store.postgres.internal;

import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transaction begun by {@link Transactions#beginAsSystem} and not ended yet. Not thread-safe:
 * used by one thread at a time, handed from one to the next through a queue.
 */
final class OpenTransaction implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenTransaction.class);

    private final Handle handle;
    private final String action;

    OpenTransaction(Handle handle, String action) {
        this.handle = handle;
        this.action = action;
    }

    <T> T run(Transactions.SqlWork<T> work) {
        try {
            return work.run(handle);
        } catch (RuntimeException e) {
            throw PostgresErrors.translate(action, e);
        }
    }

    void commit() {
        run(h -> {
            h.commit();
            return null;
        });
    }

    /** Rolls back unless committed, and returns the connection to the pool. Never throws: it runs on error paths. */
    @Override
    public void close() {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException e) {
            LOG.debug("Rolling back failed while {}", action, e);
        } finally {
            try {
                handle.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing the connection failed while {}", action, e);
            }
        }
    }
}

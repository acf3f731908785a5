package com.bizosaas.eventbus.spi;

/**
 * Decides which instance of a deployment runs a job that must run once cluster-wide (the outbox
 * relay, event retention): the one holding the job's lease. A lease is held until its holder dies
 * or closes, and then taken by the next instance that asks, so the job moves on its own.
 * Implementations are thread-safe; {@link #holds} is called before every run of a job and must
 * be cheap when nothing changed.
 */
public interface ClusterLeases extends AutoCloseable {
    /** A store that lives in one process has no other instance: it always holds every lease. */
    ClusterLeases SOLE_INSTANCE = job -> true;

    /** True while this instance holds {@code job}'s lease; takes the lease when it is free. */
    boolean holds(String job);

    /** Gives up every lease held; another instance takes them on its next call. */
    @Override
    default void close() {
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.UnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers that PostgreSQL cannot be reached, so that while it is down every call fails at once
 * with {@link UnavailableException} (the server's 503 with {@code Retry-After}) instead of each
 * waiting the pool's connection timeout. It closes on a connection failure (SQLSTATE class 08, which
 * is also what the pool reports after timing out on a dead server; a pool that is merely busy does
 * not close it) and opens again as soon as a background probe, one unpooled connection every
 * {@link #PROBE_INTERVAL}, succeeds. Thread-safe.
 */
public final class AvailabilityGate implements AutoCloseable {
    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final int PROBE_VALID_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(AvailabilityGate.class);

    private final DataSource probeConnections;
    private final Clock clock;
    private final ScheduledExecutorService prober;
    /** Why and since when the database is down; null while it is up. */
    private volatile Outage outage;

    /**
     * @param probeConnections unpooled connections: a probe must not wait behind the pool's timeout
     */
    public AvailabilityGate(DataSource probeConnections, Clock clock) {
        this.probeConnections = probeConnections;
        this.clock = clock;
        this.prober = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventbus-postgres-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Throws {@link UnavailableException} at once while the database is known to be down. */
    void requireOpen(String action) {
        Outage current = outage;
        if (current != null) {
            throw new UnavailableException("PostgreSQL has been unreachable since " + current.since()
                    + " (" + current.reason() + "); not " + action + " until a probe reaches it again", null);
        }
    }

    /** Closes the gate if {@code error} shows the database cannot be reached. */
    void failed(Throwable error) {
        String reason = connectionFailure(error);
        if (reason == null) {
            return;
        }
        synchronized (this) {
            if (outage != null || prober.isShutdown()) {
                return;
            }
            outage = new Outage(clock.instant(), reason);
        }
        LOG.warn("PostgreSQL is unreachable ({}); failing store calls at once until a probe succeeds", reason);
        scheduleProbe();
    }

    public boolean isOpen() {
        return outage == null;
    }

    private void scheduleProbe() {
        prober.schedule(this::probe, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        try (Connection connection = probeConnections.getConnection()) {
            if (connection.isValid(PROBE_VALID_SECONDS)) {
                Outage ended = outage;
                outage = null;
                LOG.info("PostgreSQL is reachable again after an outage since {}", ended.since());
                return;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("PostgreSQL probe failed", e);
        }
        if (!prober.isShutdown()) {
            scheduleProbe();
        }
    }

    /** The connection failure's message, or null if {@code error} is something else. */
    private static String connectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return sql.getMessage();
            }
        }
        return null;
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }

    private record Outage(Instant since, String reason) {
    }
}

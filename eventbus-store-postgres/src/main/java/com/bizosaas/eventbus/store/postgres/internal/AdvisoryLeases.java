package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.spi.ClusterLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster-wide job leases as PostgreSQL session-level advisory locks, one per job and schema, held
 * on one dedicated connection. PostgreSQL releases a session's locks when its connection ends, so
 * a killed instance's leases are free as soon as the database sees the connection go (at once for
 * a dead process; after TCP keep-alive for a vanished host), with no expiry to tune. A broken
 * connection loses every lease; the next call opens a new one and competes again.
 */
public final class AdvisoryLeases implements ClusterLeases {
    private static final Logger LOG = LoggerFactory.getLogger(AdvisoryLeases.class);
    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(hashtext(?))";
    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final DataSource connections;
    /** The deployment: instances on another schema are another deployment with jobs of their own. */
    private final String schema;
    private final Set<String> held = new HashSet<>();
    private Connection session;
    private boolean closed;

    /** {@code connections}: the connection is kept for the life of this object, so not the store's pool. */
    public AdvisoryLeases(DataSource connections, String schema) {
        this.connections = connections;
        this.schema = schema;
    }

    @Override
    public synchronized boolean holds(String job) {
        if (closed) {
            return false;
        }
        try {
            if (session != null && !session.isValid(VALIDATION_TIMEOUT_SECONDS)) {
                lost("its connection broke");
            }
            if (held.contains(job)) {
                return true;
            }
            if (session == null) {
                session = connections.getConnection();
                session.setAutoCommit(true);
            }
            try (PreparedStatement lock = session.prepareStatement(TRY_LOCK)) {
                lock.setString(1, schema + ".lease:" + job);
                try (ResultSet taken = lock.executeQuery()) {
                    taken.next();
                    if (taken.getBoolean(1)) {
                        held.add(job);
                        LOG.info("This instance now runs the cluster-wide job '{}'", job);
                        return true;
                    }
                    return false;
                }
            }
        } catch (SQLException e) {
            lost("PostgreSQL failed: " + e.getMessage());
            return false;
        }
    }

    private void lost(String why) {
        if (!held.isEmpty()) {
            LOG.warn("Lost the cluster-wide jobs {} because {}; another instance takes them over", held, why);
        }
        held.clear();
        closeSession();
    }

    @Override
    public synchronized void close() {
        closed = true;
        held.clear();
        closeSession();
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        try {
            session.close(); // ends the session, which releases its advisory locks
        } catch (SQLException e) {
            LOG.debug("Closing the lease connection failed; PostgreSQL ends the session anyway", e);
        }
        session = null;
    }
}

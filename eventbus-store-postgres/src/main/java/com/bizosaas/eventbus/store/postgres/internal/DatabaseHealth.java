package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Health of the database and its pool: a round trip to PostgreSQL plus the pool's counters (when
 * it is a HikariCP pool).
 * Degraded while callers queue for a connection (then it does not query, so a health check never
 * waits behind real work); unhealthy when PostgreSQL does not answer within the pool's connection
 * timeout. Never throws. Thread-safe.
 */
public final class DatabaseHealth implements Supplier<ComponentHealth> {
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DataSource connections;
    private final HikariDataSource pool;
    private final Map<String, Object> location;

    /** Health of the store's own pool. */
    public DatabaseHealth(HikariDataSource pool, PostgresConfig config) {
        this(pool, pool, location(config.address(), config.database(), config.schema()));
    }

    /** Where the store's tables are, in the order health details show them. */
    public static Map<String, Object> location(String address, String database, String schema) {
        Map<String, Object> location = new LinkedHashMap<>();
        location.put("address", address);
        location.put("database", database);
        location.put("schema", schema);
        return location;
    }

    /**
     * @param connections where the health query borrows its connection
     * @param pool        the pool behind them whose counters are reported, or {@code null} when it is not HikariCP
     * @param location    details naming the database, reported as they are
     */
    public DatabaseHealth(DataSource connections, HikariDataSource pool, Map<String, Object> location) {
        this.connections = connections;
        this.pool = pool;
        this.location = location;
    }

    @Override
    public ComponentHealth get() {
        Map<String, Object> details = new LinkedHashMap<>(location);
        if (pool != null) {
            HikariPoolMXBean counters = pool.getHikariPoolMXBean();
            if (pool.isClosed() || counters == null) {
                details.put("error", "the connection pool is closed");
                return new ComponentHealth(HealthStatus.UNHEALTHY, details);
            }
            Map<String, Object> poolDetails = new LinkedHashMap<>();
            poolDetails.put("active", counters.getActiveConnections());
            poolDetails.put("idle", counters.getIdleConnections());
            poolDetails.put("total", counters.getTotalConnections());
            poolDetails.put("max", pool.getMaximumPoolSize());
            poolDetails.put("waiting", counters.getThreadsAwaitingConnection());
            details.put("pool", poolDetails);
            if (counters.getThreadsAwaitingConnection() > 0 && counters.getIdleConnections() == 0) {
                details.put("warning", "every connection is busy and callers are waiting for one");
                return new ComponentHealth(HealthStatus.DEGRADED, details);
            }
        }
        long started = System.nanoTime();
        try (Connection connection = connections.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery("SHOW server_version")) {
                rs.next();
                details.put("server_version", rs.getString(1));
            }
            details.put("latency_ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new ComponentHealth(HealthStatus.HEALTHY, details);
        } catch (SQLException | RuntimeException e) {
            details.put("error", "PostgreSQL did not answer: " + e.getMessage());
            return new ComponentHealth(HealthStatus.UNHEALTHY, details);
        }
    }
}

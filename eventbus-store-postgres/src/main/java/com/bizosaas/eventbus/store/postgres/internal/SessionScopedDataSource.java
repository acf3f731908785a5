package com.bizosaas.eventbus.store.postgres.internal;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Borrows connections from an application's own {@link DataSource} for the store: each one is
 * switched to the bus's schema (and, for the store's queries, the application role, so row-level
 * security applies) when borrowed, and switched back ({@code RESET ROLE}, {@code RESET
 * search_path}) before it goes back to the application's pool, so the application's own queries
 * never run with the bus's settings. Thread-safe if the wrapped data source is.
 */
public final class SessionScopedDataSource implements DataSource {
    private final DataSource target;
    private final String role;
    private final String schema;

    /**
     * @param role   the role to act as, or {@code null} to stay the connecting user (migrations, partition DDL)
     * @param schema the schema the store's unqualified table names resolve in
     */
    public SessionScopedDataSource(DataSource target, String role, String schema) {
        this.target = target;
        this.role = role;
        this.schema = schema;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(target.getConnection(username, password));
    }

    private Connection scoped(Connection connection) throws SQLException {
        // The store relies on auto-commit outside its explicit transactions; an application's pool
        // may hand out connections without it. Turning it on also commits the SETs below: in a
        // transaction that later rolls back, PostgreSQL would undo them (and with the role, row-level security).
        boolean applicationAutoCommit;
        try (Statement s = connection.createStatement()) {
            applicationAutoCommit = connection.getAutoCommit();
            // Identifiers come from the validated config (PostgresConfig rejects anything but plain names).
            s.execute("SET search_path TO " + schema);
            if (role != null) {
                s.execute("SET ROLE " + role);
            }
            connection.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        restoreAndClose(connection, applicationAutoCommit);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void restoreAndClose(Connection connection, boolean applicationAutoCommit) throws SQLException {
        try {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // an unfinished transaction would keep its SET LOCALs and locks
                    connection.setAutoCommit(true);
                }
                try (Statement s = connection.createStatement()) {
                    s.execute("RESET ROLE; RESET search_path");
                }
                connection.setAutoCommit(applicationAutoCommit);
            }
        } finally {
            connection.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || target.isWrapperFor(iface);
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two ways the store connects: a pool whose connections act as the application role (row-level
 * security applies to every query), and plain owner connections for migrations and partition DDL.
 */
public final class Connections {
    private static final String APPLICATION_NAME = "eventbus";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private Connections() {
    }

    /** Opens the pool now, so a wrong address or password fails the start-up rather than the first append. */
    public static HikariDataSource pool(PostgresConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("eventbus-postgres");
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        // The session keeps the role; each transaction then sets its tenant or the system scope.
        hikari.setConnectionInitSql("SET ROLE " + config.appRole());
        hikari.addDataSourceProperty("currentSchema", config.schema());
        hikari.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        hikari.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        try {
            return new HikariDataSource(hikari);
        } catch (HikariPool.PoolInitializationException e) {
            throw new UnavailableException("cannot open connections to PostgreSQL at " + config.address() + " as "
                    + config.user() + " acting as role " + config.appRole() + " (have the migrations run?): "
                    + rootMessage(e), e);
        }
    }

    /** Unpooled connections as the configured user, who owns the tables. */
    public static DataSource owner(PostgresConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {config.host()});
        ds.setPortNumbers(new int[] {config.port()});
        ds.setDatabaseName(config.database());
        ds.setUser(config.user());
        ds.setPassword(config.password());
        ds.setCurrentSchema(config.schema());
        ds.setApplicationName(APPLICATION_NAME);
        ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        return ds;
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

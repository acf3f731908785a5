package com.bizosaas.eventbus.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Connects integration tests to the real local PostgreSQL (127.0.0.1:5432, user postgres, database
 * test) and hands out fresh schemas, dropped after the test class, so test classes never see each
 * other's rows. Fails, never skips, when PostgreSQL is not running. Register it as a static field
 * with {@code @RegisterExtension}.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 5432;
    public static final String USER = "postgres";
    public static final String DATABASE = "test";

    private final List<String> schemas = new ArrayList<>();
    private String prefix = "it";
    private PostgresConfig migrated;

    @Override
    public void beforeAll(ExtensionContext context) {
        requireReachable();
        String name = context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT);
        prefix = "it_" + name.substring(0, Math.min(name.length(), 40));
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection c = ownerConnection(); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        schemas.clear();
        migrated = null;
    }

    /** Settings for a new, empty schema of this test class (created by the migrations when started). */
    public synchronized PostgresConfig newSchema() {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        schemas.add(schema);
        return PostgresConfig.builder()
                .host(HOST)
                .port(PORT)
                .user(USER)
                .password("")
                .database(DATABASE)
                .schema(schema)
                .poolSize(8)
                .build();
    }

    /**
     * One schema of this test class, migrated on first use, for databases started again and again
     * (each contract test opens its own): their start-up then skips the migrations.
     */
    public synchronized PostgresConfig migratedSchema() {
        if (migrated == null) {
            migrated = newSchema().toBuilder().migrateOnStart(false).build();
            PostgresMigrations.migrate(migrated);
        }
        return migrated;
    }

    /** A plain connection as the owner (superuser), for looking behind the store's back. */
    public Connection ownerConnection() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", USER);
        props.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + DATABASE, props);
    }

    private void requireReachable() {
        try (Connection c = ownerConnection()) {
            c.isValid(3);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable at " + HOST + ":" + PORT + ": start it with "
                    + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` or run "
                    + "scripts/test.sh (" + e.getMessage() + ")", e);
        }
    }
}

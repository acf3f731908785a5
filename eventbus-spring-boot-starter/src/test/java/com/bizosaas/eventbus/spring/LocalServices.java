package com.bizosaas.eventbus.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local PostgreSQL (127.0.0.1:5432, user postgres, database test) and Redis (127.0.0.1:6379)
 * as Spring properties: each application gets a fresh schema and stream prefix, removed after the
 * test class. Fails, saying how to start them, when either is down. Register as a static field.
 */
final class LocalServices implements BeforeAllCallback, AfterAllCallback {
    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String START = "start it with /work/main/scripts/services.sh start (or scripts/services.sh start)";

    private final List<String> schemas = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Connection c = postgres()) {
            c.isValid(3);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + JDBC_URL + ": " + START, e);
        }
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            redis.ping();
        } catch (RuntimeException e) {
            throw new AssertionError("Redis is not reachable at 127.0.0.1:6379: " + START, e);
        }
    }

    /** Properties of an application on the application's DataSource (PostgreSQL) and Redis, in a fresh schema and prefix. */
    synchronized String[] properties(String... more) {
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        schemas.add("it_starter_" + id);
        prefixes.add("eventbus-it:starter-" + id + ":");
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + JDBC_URL,
                "spring.datasource.username=postgres",
                "eventbus.store=postgres",
                "eventbus.postgres.schema=it_starter_" + id,
                "eventbus.broker.type=redis",
                "eventbus.redis.host=127.0.0.1",
                "eventbus.redis.stream-prefix=eventbus-it:starter-" + id + ":"));
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try (Connection c = postgres(); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
        try (RedisClient redis = RedisClient.create("127.0.0.1", 6379)) {
            for (String prefix : prefixes) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = redis.scan(cursor, new ScanParams().match(prefix + "*").count(500));
                    if (!page.getResult().isEmpty()) {
                        redis.del(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
    }

    private static Connection postgres() throws SQLException {
        return DriverManager.getConnection(JDBC_URL, "postgres", "");
    }
}

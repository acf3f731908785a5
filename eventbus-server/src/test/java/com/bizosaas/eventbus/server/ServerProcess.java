package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.contract.Await;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.Jedis;

/**
 * The server as its own JVM on the test classpath, on the PostgreSQL store (a schema of its own)
 * and the Redis broker (a stream prefix of its own, so other tests' servers on the same Redis stay
 * out of its topic), for tests that kill or stop the process. Each {@link #start} logs to its own
 * file under {@code target/}; {@link #dropData} removes the schema and the streams. Not
 * thread-safe.
 */
final class ServerProcess {
    private static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final String schema;
    private final int port;
    private final Map<String, String> extraEnvironment;
    private final TestHttp http;
    private int starts;

    /** {@code extraEnvironment}: {@code EVENTBUS_*} settings on top of the store, broker and port. */
    ServerProcess(String name, Map<String, String> extraEnvironment) {
        this(extraEnvironment, "eventbus_" + name + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    private ServerProcess(Map<String, String> extraEnvironment, String schema) {
        ServiceCheck.requireReachable("postgres");
        ServiceCheck.requireReachable("redis");
        this.schema = schema;
        this.port = freePort();
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.http = new TestHttp("http://127.0.0.1:" + port);
    }

    /**
     * Another instance of the same deployment: the same PostgreSQL schema, broker names and
     * settings, on a port of its own.
     */
    ServerProcess peer() {
        return new ServerProcess(extraEnvironment, schema);
    }

    TestHttp http() {
        return http;
    }

    /** The server's PostgreSQL schema, for conditions of {@link #count} that name another table. */
    String schema() {
        return schema;
    }

    /** The log file of the latest start. */
    File log() {
        return Path.of("target", "server-" + schema + "-" + port + "-" + starts + ".log").toFile();
    }

    /** Starts the server and returns once it answers {@code /health/ready} with 200. */
    Process start() throws IOException {
        starts++;
        File log = log();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                EventBusServer.class.getName())
                .redirectErrorStream(true)
                .redirectOutput(log);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EVENTBUS_"));
        env.putAll(environment());
        env.put("EVENTBUS_SERVICE_PORT", Integer.toString(port));
        Process process = builder.start();
        AtomicReference<String> lastAnswer = new AtomicReference<>("none");
        try {
            Await.until("the server process answers /health/ready (log: " + log + ")", START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the server process exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    TestHttp.Reply ready = http.get("/health/ready");
                    lastAnswer.set(ready.status() + " " + ready.body());
                    return ready.status() == 200;
                } catch (UncheckedIOException e) {
                    lastAnswer.set(e.getMessage());
                    return false;
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; its last answer: " + lastAnswer.get(), e);
        }
        return process;
    }

    /**
     * The server's {@code EVENTBUS_*} settings but the port: its store and broker, and the extra
     * settings. Servers started in-process with these share this one's store and broker.
     */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("EVENTBUS_STORE", "postgres");
        env.put("EVENTBUS_POSTGRES_HOST", "127.0.0.1");
        env.put("EVENTBUS_POSTGRES_USER", "postgres");
        env.put("EVENTBUS_POSTGRES_PASSWORD", "");
        env.put("EVENTBUS_POSTGRES_DB", "test");
        env.put("EVENTBUS_POSTGRES_SCHEMA", schema);
        env.put("EVENTBUS_LOG_FORMAT", "text");
        // A durable broker: the in-memory one loses what it holds when the process ends.
        env.put("EVENTBUS_BROKER_TYPE", "redis");
        env.put("EVENTBUS_REDIS_HOST", "127.0.0.1");
        env.put("EVENTBUS_REDIS_STREAM_PREFIX", schema + ":");
        env.putAll(extraEnvironment);
        return env;
    }

    /** {@code SELECT count(*) FROM <its schema>.<table> WHERE <condition>}, as the database owner. */
    long count(String table, String condition) throws SQLException {
        try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + schema + "." + table + " WHERE " + condition)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    void dropData() throws SQLException {
        try (Connection db = DriverManager.getConnection(JDBC_URL, "postgres", "");
             Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            Set<String> keys = redis.keys(schema + ":*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

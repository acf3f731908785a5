package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.PostgresServerProcess;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Counts the statements one event and one webhook subscription cost the store, from PostgreSQL's
 * own statement log: the server runs on PostgreSQL (a cluster of the test's own, started with
 * {@code log_statement=all}) and the shared Kafka, events are published one HTTP request at a
 * time, and every statement the cluster logged between two markers is counted, transaction
 * control included, idle polling of the engine too. Needs the PostgreSQL server binaries and
 * Kafka of scripts/services.sh.
 */
class StoreRoundTripsIT {
    private static final int WARM_UP = 20;
    private static final int EVENTS = 200;
    private static final double MAX_PER_EVENT = 4.0;
    private static final Pattern LOGGED = Pattern.compile("\\[(\\d+)\\] LOG:  (?:statement|execute [^:]*): (.*)");

    @Test
    void oneEventToOneWebhookCostsAtMostFourStatements() throws Exception {
        ServiceCheck.requireReachable("kafka");
        try (PostgresServerProcess postgres = PostgresServerProcess.start("log_statement=all");
             WebhookReceiver receiver = new WebhookReceiver()) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            Map<String, String> env = Map.of(
                    "EVENTBUS_SERVICE_PORT", "0",
                    "EVENTBUS_BROKER_TYPE", "kafka",
                    "EVENTBUS_NAMESPACE", "roundtrips-" + run,
                    "EVENTBUS_POSTGRES_HOST", "127.0.0.1",
                    "EVENTBUS_POSTGRES_PORT", String.valueOf(postgres.port()),
                    "EVENTBUS_POSTGRES_USER", "postgres",
                    "EVENTBUS_POSTGRES_DB", "postgres");
            String tenant = UUID.randomUUID().toString();
            try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(env));
                 Connection marker = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port()
                         + "/postgres", "postgres", "")) {
                TestHttp http = new TestHttp("http://127.0.0.1:" + server.port());
                Reply subscribed = http.post("/events/subscribe", "{\"event_type\": \"lead.*\", \"service_name\": "
                        + "\"crm\", \"tenant_id\": \"" + tenant + "\", \"webhook_url\": \"" + receiver.url() + "\"}");
                assertThat(subscribed.status()).isEqualTo(201);
                publish(http, tenant, WARM_UP);
                awaitSettled(marker, receiver, WARM_UP);

                mark(marker, "roundtrips-start");
                publish(http, tenant, EVENTS);
                awaitSettled(marker, receiver, WARM_UP + EVENTS);
                mark(marker, "roundtrips-end");

                Map<String, Integer> byStatement = statementsBetweenMarkers(postgres, backendPid(marker));
                int total = byStatement.values().stream().mapToInt(Integer::intValue).sum();
                double perEvent = (double) total / EVENTS;
                System.out.printf("StoreRoundTripsIT: %d statements for %d events, %.2f per (event, webhook "
                        + "subscription); by statement: %s%n", total, EVENTS, perEvent, byStatement);
                assertThat(perEvent).as("statements per (event, webhook subscription): %s", byStatement)
                        .isLessThanOrEqualTo(MAX_PER_EVENT);
            }
        }
    }

    private static void publish(TestHttp http, String tenant, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Reply reply = http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \""
                    + tenant + "\", \"subject\": \"lead-" + (i % 5) + "\", \"data\": {\"n\": " + i + "}}");
            assertThat(reply.status()).isEqualTo(201);
        }
    }

    /** Every event delivered, and dispatched as far as the outbox knows (its row removed). */
    private static void awaitSettled(Connection marker, WebhookReceiver receiver, int delivered) {
        Await.until(delivered + " events reached the webhook", Duration.ofSeconds(60),
                () -> receiver.received().size() >= delivered);
        Await.until("the outbox is empty", () -> count(marker, "SELECT count(*) FROM eventbus.outbox") == 0
                && count(marker, "SELECT count(*) FROM eventbus.deliveries WHERE status <> 'delivered'") == 0);
    }

    private static long count(Connection connection, String sql) {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed", e);
        }
    }

    private static void mark(Connection connection, String name) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT '" + name + "'");
        }
    }

    private static String backendPid(Connection connection) {
        return String.valueOf(count(connection, "SELECT pg_backend_pid()"));
    }

    /** Statements of every session but the marker's, by their first words, between the two markers. */
    private static Map<String, Integer> statementsBetweenMarkers(PostgresServerProcess postgres, String markerPid)
            throws Exception {
        List<String> lines = Files.readAllLines(postgres.logFile(), StandardCharsets.UTF_8);
        Map<String, Integer> counts = new TreeMap<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.contains("SELECT 'roundtrips-start'")) {
                inside = true;
            } else if (line.contains("SELECT 'roundtrips-end'")) {
                break;
            }
            Matcher m = LOGGED.matcher(line);
            if (inside && m.find() && !m.group(1).equals(markerPid)) {
                String sql = m.group(2).trim().replaceAll("\\s+", " ");
                counts.merge(sql.length() > 60 ? sql.substring(0, 60) : sql, 1, Integer::sum);
            }
        }
        return counts;
    }
}

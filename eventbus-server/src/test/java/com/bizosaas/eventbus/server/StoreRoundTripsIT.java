package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Counts the store round trips one event and one webhook subscription cost, from PostgreSQL's own
 * statement log: the server runs on PostgreSQL (a cluster of the test's own, started with {@code
 * log_statement=all}) and the shared Kafka, a few publishers send one event per HTTP request, and
 * every store call the cluster logged between two markers is counted, the engine's idle polling
 * included. A store call is one transaction (its {@code BEGIN}, the {@code SET LOCAL} of the
 * row-level-security scope, its statements and {@code COMMIT}), or one statement outside any.
 * Needs the PostgreSQL server binaries and Kafka of scripts/services.sh.
 */
class StoreRoundTripsIT {
    private static final int WARM_UP = 20;
    private static final int EVENTS = 200;
    private static final int PUBLISHERS = 4;
    private static final double MAX_PER_EVENT = 4.0;
    private static final Pattern LOGGED = Pattern.compile("\\[(\\d+)\\] LOG:  (?:statement|execute [^:]*): (.*)");

    @Test
    void oneEventToOneWebhookCostsAtMostFourStoreRoundTrips() throws Exception {
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

                Log log = readBetweenMarkers(postgres, backendPid(marker));
                double perEvent = (double) log.calls() / EVENTS;
                System.out.printf("StoreRoundTripsIT: %d store calls (%d statements) for %d events, %.2f calls per "
                        + "(event, webhook subscription); statements: %s%n", log.calls(), log.statements(), EVENTS,
                        perEvent, log.byStatement());
                assertThat(perEvent).as("store calls per (event, webhook subscription); statements: %s",
                        log.byStatement()).isLessThanOrEqualTo(MAX_PER_EVENT);
            }
        }
    }

    /** {@code count} events, one per request, from {@link #PUBLISHERS} concurrent publishers. */
    private static void publish(TestHttp http, String tenant, int count) throws Exception {
        ExecutorService publishers = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant
                        + "\", \"subject\": \"lead-" + (i % 5) + "\", \"data\": {\"n\": " + i + "}}";
                replies.add(publishers.submit(() -> http.post("/events/publish", body).status()));
            }
            for (Future<Integer> reply : replies) {
                assertThat(reply.get()).isEqualTo(201);
            }
        } finally {
            publishers.shutdownNow();
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

    /** The store calls and statements of every session but the marker's between the two markers. */
    private static Log readBetweenMarkers(PostgresServerProcess postgres, String markerPid) throws Exception {
        List<String> lines = Files.readAllLines(postgres.logFile(), StandardCharsets.UTF_8);
        Map<String, Integer> byStatement = new TreeMap<>();
        Set<String> inTransaction = new HashSet<>();
        int calls = 0;
        int statements = 0;
        boolean inside = false;
        for (String line : lines) {
            if (line.contains("SELECT 'roundtrips-start'")) {
                inside = true;
            } else if (line.contains("SELECT 'roundtrips-end'")) {
                break;
            }
            Matcher m = LOGGED.matcher(line);
            if (!inside || !m.find() || m.group(1).equals(markerPid)) {
                continue;
            }
            String pid = m.group(1);
            String sql = m.group(2).trim().replaceAll("\\s+", " ");
            statements++;
            byStatement.merge(sql.length() > 50 ? sql.substring(0, 50) : sql, 1, Integer::sum);
            if (sql.equalsIgnoreCase("BEGIN")) {
                inTransaction.add(pid);
                calls++;
            } else if (sql.equalsIgnoreCase("COMMIT") || sql.equalsIgnoreCase("ROLLBACK")) {
                inTransaction.remove(pid);
            } else if (!inTransaction.contains(pid)) {
                calls++;
            }
        }
        return new Log(calls, statements, byStatement);
    }

    private record Log(int calls, int statements, Map<String, Integer> byStatement) {
    }
}

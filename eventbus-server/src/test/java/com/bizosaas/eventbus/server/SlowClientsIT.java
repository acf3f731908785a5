package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.RawHttp.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Clients that send headers and then trickle their bodies must not stall the server: with 1,000
 * of them connected (four client addresses, 250 each), /health/live and a normal publish still
 * answer within 100 ms at the 99th percentile. The 100 ms are counted on top of the p99 of the
 * same calls without slow clients, measured just before: on a quiet machine that is a few
 * milliseconds, on a shared, overloaded one it keeps scheduling noise from failing the test
 * (without the fix these calls time out: seconds). A client over its in-flight limit is refused
 * at once.
 */
class SlowClientsIT {
    private static final int SLOW_CONNECTIONS = 1_000;
    private static final String[] SLOW_ADDRESSES = {"127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"};
    private static final int SAMPLES = 200;
    private static final long P99_LIMIT_MS = 100;
    /** A stalled request counts as this slow instead of hanging the test. */
    private static final Duration GIVE_UP = Duration.ofSeconds(3);

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_REQUEST_READ_TIMEOUT_MS", "120000",
            "EVENTBUS_MAX_REQUESTS_PER_CLIENT", "250"));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(GIVE_UP).build();
    private final String base = "http://127.0.0.1:" + SERVER.server().port();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void probesAndPublishesStayFastWhileAThousandClientsTrickleTheirBodies() throws Exception {
        warmUp();
        Timings quiet = measure();
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try (SlowClients slow = new SlowClients()) {
            for (String address : SLOW_ADDRESSES) {
                slow.open(SERVER.server().port(), address, SLOW_CONNECTIONS / SLOW_ADDRESSES.length);
            }
            trickler.scheduleWithFixedDelay(slow::trickle, 1, 1, TimeUnit.SECONDS);

            warmUp();
            Timings attacked = measure();

            assertThat(slow.trickle()).as("slow connections still open after the measurement")
                    .isEqualTo(SLOW_CONNECTIONS);
            // The figures for docs/BENCHMARKS.md: the same calls without and with the slow clients.
            System.out.printf("SlowClientsIT: no slow connections: %s%n", quiet);
            System.out.printf("SlowClientsIT: %d slow connections: %s%n", SLOW_CONNECTIONS, attacked);
            assertThat(p99(attacked.health())).as(attacked + " vs quiet " + quiet)
                    .isLessThanOrEqualTo(P99_LIMIT_MS + p99(quiet.health()));
            assertThat(p99(attacked.publish())).as(attacked + " vs quiet " + quiet)
                    .isLessThanOrEqualTo(P99_LIMIT_MS + p99(quiet.publish()));
        } finally {
            trickler.shutdownNow();
        }
    }

    @Test
    void aClientBeyondItsInFlightLimitIsRefusedAtOnceWhileOthersAreServed() {
        ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
        try (SlowClients slow = new SlowClients()) {
            slow.open(SERVER.server().port(), "127.0.0.6", 250);
            // Busy, not idle: Jetty's low-resources monitor may close idle connections early.
            trickler.scheduleWithFixedDelay(slow::trickle, 250, 250, TimeUnit.MILLISECONDS);

            Await.until("a 251st request of the same client is refused", () -> {
                Response refused = RawHttp.exchange(SERVER.server().port(), "127.0.0.6",
                        "GET /subscriptions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                return refused.status() == 429;
            });
            Response refused = RawHttp.exchange(SERVER.server().port(), "127.0.0.6",
                    "GET /subscriptions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(refused.json().get("error").asText()).isEqualTo("too_many_requests");
            assertThat(refused.json().get("message").asText()).contains("EVENTBUS_MAX_REQUESTS_PER_CLIENT");
            assertThat(get("/subscriptions")).isLessThan((int) GIVE_UP.toMillis());
            assertThat(RawHttp.exchange(SERVER.server().port(), "127.0.0.6",
                    "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status()).isEqualTo(200);
        } finally {
            trickler.shutdownNow();
        }
    }

    /** Compiles the request paths (and, under attack, lets the server settle after accepting the connections). */
    private void warmUp() {
        for (int i = 0; i < 50; i++) {
            get("/health/live");
            post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\"}");
        }
    }

    /** Sorted milliseconds of /health/live and of a publish, called in turn. */
    private record Timings(long[] health, long[] publish) {
        @Override
        public String toString() {
            return "/health/live " + summary(health) + "; publish " + summary(publish);
        }
    }

    private Timings measure() {
        long[] health = new long[SAMPLES];
        long[] publish = new long[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            health[i] = get("/health/live");
            publish[i] = post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\"}");
        }
        Arrays.sort(health);
        Arrays.sort(publish);
        return new Timings(health, publish);
    }

    private static long p99(long[] sorted) {
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
    }

    private static String summary(long[] sorted) {
        return "p50=" + sorted[sorted.length / 2] + " ms, p99=" + p99(sorted) + " ms, max=" + sorted[sorted.length - 1]
                + " ms";
    }

    private int get(String path) {
        return time(HttpRequest.newBuilder(URI.create(base + path)).GET(), 200);
    }

    private int post(String path, String json) {
        return time(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), 201);
    }

    /** The call's duration in ms; a call that gives up counts as {@link #GIVE_UP}. */
    private int time(HttpRequest.Builder request, int expectedStatus) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.timeout(GIVE_UP).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        } catch (HttpTimeoutException e) {
            return (int) GIVE_UP.toMillis();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return (int) ((System.nanoTime() - start) / 1_000_000);
    }
}

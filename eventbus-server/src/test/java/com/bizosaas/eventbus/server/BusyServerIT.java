package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Probes and metrics answer while every thread the API may use is busy: 300 synchronous
 * publishes wait on a webhook that never answers (more than Jetty's 250 threads), and
 * /health/live and /metrics still answer at once.
 */
class BusyServerIT {
    private static final int BLOCKED_PUBLISHES = 300;
    private static final int SAMPLES = 20;
    private static final Duration GIVE_UP = Duration.ofSeconds(2);

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_MAX_REQUESTS_PER_CLIENT", "1000",
            "EVENTBUS_WEBHOOK_TIMEOUT_MS", "60000"));

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(GIVE_UP).build();
    private final String base = "http://127.0.0.1:" + SERVER.server().port();

    @Test
    void probesAndMetricsAnswerWhilePublishesHoldEveryApiThread() throws IOException {
        String tenant = UUID.randomUUID().toString();
        // Accepts connections (into its backlog) and never answers: each delivery hangs.
        try (ServerSocket blackHole = new ServerSocket(0, BLOCKED_PUBLISHES * 2, InetAddress.getLoopbackAddress())) {
            assertThat(SERVER.http().post("/events/subscribe", """
                    {"event_type": "lead.created", "service_name": "stuck", "tenant_id": "%s",
                     "webhook_url": "http://127.0.0.1:%d/hook"}""".formatted(tenant, blackHole.getLocalPort()))
                    .status()).isEqualTo(201);
            List<CompletableFuture<HttpResponse<String>>> blocked = new ArrayList<>();
            for (int i = 0; i < BLOCKED_PUBLISHES; i++) {
                blocked.add(client.sendAsync(HttpRequest.newBuilder(
                                URI.create(base + "/events/publish?wait=true&timeout_ms=20000"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString()));
            }
            Await.until("200 synchronous publishes are stored and waiting",
                    () -> publishedCount() >= 200 || blocked.stream().anyMatch(CompletableFuture::isDone));
            assertThat(blocked).noneMatch(CompletableFuture::isDone);

            long[] health = new long[SAMPLES];
            long[] metrics = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                health[i] = millis("/health/live");
                metrics[i] = millis("/metrics");
            }

            Arrays.sort(health);
            Arrays.sort(metrics);
            assertThat(health[SAMPLES - 1]).as("slowest /health/live in ms: " + Arrays.toString(health))
                    .isLessThan(GIVE_UP.toMillis());
            assertThat(metrics[SAMPLES - 1]).as("slowest /metrics in ms: " + Arrays.toString(metrics))
                    .isLessThan(GIVE_UP.toMillis());
            blocked.forEach(f -> f.cancel(true));
        }
    }

    /** events_published_total, read from /metrics, which must answer within {@link #GIVE_UP} meanwhile. */
    private long publishedCount() {
        String metrics;
        try {
            metrics = client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).timeout(GIVE_UP).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("/metrics did not answer within " + GIVE_UP + " while publishes were blocked", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return metrics.lines().filter(l -> l.startsWith("events_published_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** Milliseconds until a 200 answer; {@link #GIVE_UP} when there is none in time. */
    private long millis(String path) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(GIVE_UP).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } catch (IOException e) {
            return GIVE_UP.toMillis();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }
}

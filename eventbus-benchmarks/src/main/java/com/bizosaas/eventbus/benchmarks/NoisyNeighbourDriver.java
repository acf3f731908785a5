package com.bizosaas.eventbus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Per-tenant rate limits against a running server started with
 * {@code EVENTBUS_RATE_LIMIT_PER_SECOND=<limitA>}: tenant B (given its own limit of 2x its rate
 * through the admin route, so it is never limited) publishes at {@code rateB}/s, first alone,
 * then while tenant A publishes at 10x its limit. Reports B's publish latency in both phases
 * and A's admitted and refused (429) publishes: A's excess must be refused at once, not queued.
 * Args: {@code <baseUrl> [limitA] [rateB] [seconds]}, defaults 100, 500 and 10.
 */
public final class NoisyNeighbourDriver {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int WARM_UP_SECONDS = 5;
    /** A's load comes from this many threads, each paced at its share of the rate. */
    private static final int NOISY_THREADS = 4;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;

    private NoisyNeighbourDriver(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int limitA = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rateB = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        NoisyNeighbourDriver driver = new NoisyNeighbourDriver(baseUrl);
        UUID tenantA = UUID.randomUUID();
        UUID tenantB = UUID.randomUUID();
        driver.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/tenants/" + tenantB + "/rate-limit"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"per_second\": " + 2 * rateB + ", \"burst\": " + 2 * rateB + "}")).build());

        // Untimed: compiles the server's and this client's publish paths first.
        driver.publishPaced(tenantB, rateB, WARM_UP_SECONDS);
        Latencies alone = driver.publishPaced(tenantB, rateB, seconds);
        System.out.println("B alone at " + rateB + "/s: " + alone.summary());

        AtomicInteger admittedA = new AtomicInteger();
        AtomicInteger refusedA = new AtomicInteger();
        Latencies latencyA = new Latencies(10 * limitA * seconds);
        Thread[] noisy = new Thread[NOISY_THREADS];
        for (int t = 0; t < NOISY_THREADS; t++) {
            noisy[t] = new Thread(() -> Latencies.paced(10 * limitA * seconds / NOISY_THREADS,
                    10 * limitA / NOISY_THREADS, () -> {
                        long start = System.nanoTime();
                        int status = driver.send(driver.publish(tenantA));
                        latencyA.record(System.nanoTime() - start);
                        (status == 201 ? admittedA : refusedA).incrementAndGet();
                    }), "tenant-a-" + t);
            noisy[t].start();
        }
        Latencies withA = driver.publishPaced(tenantB, rateB, seconds);
        for (Thread t : noisy) {
            t.join();
        }
        System.out.println("B at " + rateB + "/s while A publishes at " + 10 * limitA + "/s (10x its limit): "
                + withA.summary());
        System.out.println("A: admitted " + admittedA.get() + ", refused with 429 " + refusedA.get()
                + " (limit " + limitA + "/s for " + seconds + " s, burst " + limitA + "); A's calls " + latencyA.summary());
    }

    /** B's publishes, one at a time on a fixed schedule; each must be admitted. */
    private Latencies publishPaced(UUID tenant, int perSecond, int seconds) {
        Latencies latencies = new Latencies(perSecond * seconds);
        Latencies.paced(perSecond * seconds, perSecond, () -> {
            long start = System.nanoTime();
            int status = send(publish(tenant));
            latencies.record(System.nanoTime() - start);
            if (status != 201) {
                throw new IllegalStateException("tenant B's publish answered " + status);
            }
        });
        return latencies;
    }

    private HttpRequest publish(UUID tenant) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/events/publish")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\", \"data\": {\"n\": 1}}"))
                .build();
    }

    private int send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

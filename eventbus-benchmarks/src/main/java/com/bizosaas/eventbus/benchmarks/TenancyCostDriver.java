package com.bizosaas.eventbus.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tenancy costs on the HTTP publish path, against a running server started with
 * {@code EVENTBUS_API_KEYS=<rootKey>:*} and {@code EVENTBUS_MASTER_KEY} set:
 * <ul>
 *   <li>encryption: closed-loop publish throughput of a tenant whose policy is {@code all} against
 *   one whose policy is {@code off}, both with a managed key, in alternating rounds of the same
 *   length (so drift of the busy machine hits both);</li>
 *   <li>authentication: one-at-a-time publish latency with a managed key (SHA-256 of the secret
 *   and a cache read) against a bootstrap key of {@code EVENTBUS_API_KEYS} (a byte compare),
 *   alternating rounds, encryption off.</li>
 * </ul>
 * Args: {@code <baseUrl> <rootKey> [threads] [roundSeconds] [rounds]}, defaults 8, 5 and 3.
 */
public final class TenancyCostDriver {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** About the size of the seed's lead.created data. */
    private static final String DATA = "{\"lead_id\": \"L-1029\", \"contact_info\": {\"email\": \"jane.doe@example.com\","
            + " \"phone\": \"+1-555-0100\", \"name\": \"Jane Doe\", \"company\": \"Example Corp\"}, \"source\":"
            + " \"website_form\", \"campaign\": \"spring-2026\", \"notes\": \"asked for a demo of the AI scoring\"}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;
    private final String rootKey;

    private TenancyCostDriver(String baseUrl, String rootKey) {
        this.baseUrl = baseUrl;
        this.rootKey = rootKey;
    }

    public static void main(String[] args) throws Exception {
        TenancyCostDriver driver = new TenancyCostDriver(args[0], args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int roundSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        UUID clear = UUID.randomUUID();
        UUID encrypted = UUID.randomUUID();
        driver.call("PUT", "/admin/tenants/" + encrypted + "/encryption", "{\"policy\": \"all\"}", driver.rootKey);
        String clearKey = driver.newKey(clear);
        String encryptedKey = driver.newKey(encrypted);

        // Untimed: compiles both paths on the server and here.
        driver.closedLoop(clear, clearKey, threads, roundSeconds);
        driver.closedLoop(encrypted, encryptedKey, threads, roundSeconds);
        long off = 0;
        long on = 0;
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                off += driver.closedLoop(clear, clearKey, threads, roundSeconds);
                on += driver.closedLoop(encrypted, encryptedKey, threads, roundSeconds);
            } else {
                on += driver.closedLoop(encrypted, encryptedKey, threads, roundSeconds);
                off += driver.closedLoop(clear, clearKey, threads, roundSeconds);
            }
        }
        double seconds = (double) rounds * roundSeconds;
        System.out.printf(Locale.ROOT, "publish throughput, %d threads, %d rounds of %d s each:%n"
                        + "  encryption off: %.0f events/s%n  encryption on:  %.0f events/s%n  on/off = %.3f%n",
                threads, rounds, roundSeconds, off / seconds, on / seconds, (double) on / off);

        int perRound = 1000;
        driver.sequential(clear, clearKey, perRound);
        driver.sequential(clear, driver.rootKey, perRound);
        Latencies managed = new Latencies(perRound * rounds);
        Latencies bootstrap = new Latencies(perRound * rounds);
        // Each goes first in every other round, so neither gains from the order.
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                driver.sequential(clear, clearKey, perRound, managed);
                driver.sequential(clear, driver.rootKey, perRound, bootstrap);
            } else {
                driver.sequential(clear, driver.rootKey, perRound, bootstrap);
                driver.sequential(clear, clearKey, perRound, managed);
            }
        }
        System.out.println("one publish at a time, " + rounds + " rounds of " + perRound + ":");
        System.out.println("  bootstrap key (EVENTBUS_API_KEYS): " + bootstrap.summary());
        System.out.println("  managed key (hashed, cached):      " + managed.summary());
    }

    private String newKey(UUID tenant) throws Exception {
        JsonNode created = JSON.readTree(call("POST", "/admin/api-keys", "{\"name\": \"bench\", \"tenant_id\": \""
                + tenant + "\", \"scopes\": [\"publish\"]}", rootKey).body());
        return created.get("key").asText();
    }

    /** Publishes from {@code threads} threads, each as fast as answers come, for {@code seconds}; returns the count. */
    private long closedLoop(UUID tenant, String key, int threads, int seconds) throws InterruptedException {
        AtomicLong published = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (System.nanoTime() < end) {
                    if (publish(tenant, key) == 201) {
                        published.incrementAndGet();
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        return published.get();
    }

    private void sequential(UUID tenant, String key, int count) {
        sequential(tenant, key, count, new Latencies(count));
    }

    private void sequential(UUID tenant, String key, int count, Latencies latencies) {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            int status = publish(tenant, key);
            latencies.record(System.nanoTime() - start);
            if (status != 201) {
                throw new IllegalStateException("publish answered " + status);
            }
        }
    }

    private int publish(UUID tenant, String key) {
        try {
            return call("POST", "/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant
                    + "\", \"data\": " + DATA + "}", key).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> call(String method, String path, String body, String key)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-API-Key", key)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400 && !path.equals("/events/publish")) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response;
    }
}

package com.bizosaas.eventbus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP publish throughput with schema validation against the same without, in one run against a
 * running server: tenant S has a registered JSON Schema for {@code bench.order_placed}, tenant P
 * has none (schemas are per tenant), and both publish the same body from {@code threads} closed-loop
 * clients. The two are measured in alternating rounds (P, S, P, S, ...) so both see the same
 * machine load; the figure is S's total over P's. Args: {@code <baseUrl> [threads] [roundSeconds]
 * [rounds]}, defaults 8, 5 and 3.
 */
public final class SchemaValidationPublishDriver {
    private static final String TYPE = "bench.order_placed";
    private static final String SCHEMA = """
            {"schema": {"type": "object", "required": ["order_id", "amount", "currency", "lines"],
              "properties": {"order_id": {"type": "string", "minLength": 1}, "amount": {"type": "number", "minimum": 0},
                "currency": {"type": "string", "enum": ["EUR", "USD", "GBP"]}, "note": {"type": "string"},
                "lines": {"type": "array", "items": {"type": "object", "required": ["sku", "qty"],
                  "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}}},
             "tenant_id": "%s"}""";
    private static final String DATA = "{\"order_id\": \"o-1\", \"amount\": 99.5, \"currency\": \"EUR\", "
            + "\"note\": \"deliver after 5pm\", \"lines\": [{\"sku\": \"a-1\", \"qty\": 2}, {\"sku\": \"b-7\", \"qty\": 1}]}";

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    private SchemaValidationPublishDriver(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int roundSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        SchemaValidationPublishDriver driver = new SchemaValidationPublishDriver(baseUrl);
        UUID plain = UUID.randomUUID();
        UUID withSchema = UUID.randomUUID();
        int registered = driver.post("/schemas/" + TYPE + "/versions", SCHEMA.formatted(withSchema));
        if (registered != 201) {
            throw new IllegalStateException("registering the schema answered " + registered);
        }
        // Untimed warm-up of both paths, as long as two rounds each: the server's JIT needs it.
        for (int w = 0; w < 2; w++) {
            driver.run(plain, threads, roundSeconds);
            driver.run(withSchema, threads, roundSeconds);
        }
        long plainTotal = 0;
        long schemaTotal = 0;
        for (int r = 0; r < rounds; r++) {
            long p = driver.run(plain, threads, roundSeconds);
            long s = driver.run(withSchema, threads, roundSeconds);
            System.out.printf(Locale.ROOT, "round %d: without schema %.0f/s, with schema %.0f/s%n", r + 1,
                    p / (double) roundSeconds, s / (double) roundSeconds);
            plainTotal += p;
            schemaTotal += s;
        }
        System.out.printf(Locale.ROOT, "without schema %.0f/s, with schema %.0f/s: ratio %.3f (%d threads, %d x %d s)%n",
                plainTotal / (double) (rounds * roundSeconds), schemaTotal / (double) (rounds * roundSeconds),
                schemaTotal / (double) plainTotal, threads, rounds, roundSeconds);
    }

    /** Publishes from {@code threads} closed loops for {@code seconds}; returns how many were stored (201). */
    private long run(UUID tenant, int threads, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong stored = new AtomicLong();
        String body = "{\"event_type\": \"" + TYPE + "\", \"tenant_id\": \"" + tenant + "\", \"data\": " + DATA + "}";
        Thread[] loops = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            loops[t] = new Thread(() -> {
                while (!stop.get()) {
                    int status = post("/events/publish", body);
                    if (status != 201) {
                        throw new IllegalStateException("publish answered " + status);
                    }
                    stored.incrementAndGet();
                }
            });
            loops[t].start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread loop : loops) {
            loop.join();
        }
        return stored.get();
    }

    private int post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

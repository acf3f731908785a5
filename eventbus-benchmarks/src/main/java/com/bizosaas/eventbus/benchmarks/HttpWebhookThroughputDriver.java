package com.bizosaas.eventbus.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP publish → webhook through the whole server: runs two server jars (a baseline and a
 * candidate) one after the other as their own processes on PostgreSQL and Kafka, each with one
 * webhook subscription to a {@link WebhookSink}, and measures sustained events/s: {@code
 * publishers} HTTP clients publish {@code N} single events (64 leads as subjects) as fast as the
 * server answers, timed
 * until the receiver has all of them (after an untimed warm-up round on the same server). Jars
 * alternate for {@code rounds} rounds so a busy machine's drift hits both. Args: {@code baselineJar
 * candidateJar [N] [publishers] [rounds] [warmUp]}, defaults 20,000, 32, 2 and 5,000. Needs PostgreSQL and Kafka
 * on 127.0.0.1 ({@code scripts/services.sh start}).
 */
public final class HttpWebhookThroughputDriver {
    /** Events carry one of this many subjects (leads), so dispatch is ordered per lead, not per tenant. */
    private static final int SUBJECTS = 64;
    private HttpWebhookThroughputDriver() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("baseline", Path.of(args[0]));
        jars.put("candidate", Path.of(args[1]));
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int publishers = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 2;
        int warmUp = args.length > 5 ? Integer.parseInt(args[5]) : 5_000;
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (Map.Entry<String, Path> jar : jars.entrySet()) {
                double rate = run(jar.getValue(), n, publishers, warmUp);
                rates.computeIfAbsent(jar.getKey(), k -> new ArrayList<>()).add(rate);
                System.out.printf("round %d %-9s %,.0f events/s delivered (%s)%n", round, jar.getKey(), rate,
                        jar.getValue());
            }
        }
        double baseline = median(rates.get("baseline"));
        double candidate = median(rates.get("candidate"));
        System.out.printf("median: baseline %,.0f/s, candidate %,.0f/s, ratio %.2fx%n", baseline, candidate,
                candidate / baseline);
    }

    private static double run(Path jar, int n, int publishers, int warmUp) throws Exception {
        String schema = "eventbus_http_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        int port = ServerMemoryDriver.freePort();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + port;
        Process server = startServer(jar, schema, port);
        try (WebhookSink sink = new WebhookSink()) {
            ServerMemoryDriver.awaitReady(http, base, server);
            String tenant = UUID.randomUUID().toString();
            ServerMemoryDriver.post(http, base + "/events/subscribe", """
                    {"event_type": "lead.*", "service_name": "throughput-driver", "tenant_id": "%s", "webhook_url": "%s"}"""
                    .formatted(tenant, sink.url()));
            List<HttpRequest> publish = new ArrayList<>(SUBJECTS);
            for (int i = 0; i < SUBJECTS; i++) {
                publish.add(HttpRequest.newBuilder(URI.create(base + "/events/publish"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                                {"event_type": "lead.created", "tenant_id": "%s", "source_service": "crm-service", \
                                "subject": "lead-%d", "data": %s}""".formatted(tenant, i, LeadCreated.data()))).build());
            }
            publishAll(http, publish, warmUp, publishers);
            awaitReceived(sink, warmUp);
            long start = System.nanoTime();
            publishAll(http, publish, n, publishers);
            awaitReceived(sink, warmUp + n);
            return n / ((System.nanoTime() - start) / 1e9);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            ServerMemoryDriver.cleanUp(schema);
        }
    }

    private static Process startServer(Path jar, String schema, int port) throws IOException {
        Path log = Path.of("target", "http-webhook-" + schema + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("EVENTBUS_"));
        env.put("EVENTBUS_STORE", "postgres");
        env.put("EVENTBUS_POSTGRES_HOST", "127.0.0.1");
        env.put("EVENTBUS_POSTGRES_USER", "postgres");
        env.put("EVENTBUS_POSTGRES_PASSWORD", "");
        env.put("EVENTBUS_POSTGRES_DB", "test");
        env.put("EVENTBUS_POSTGRES_SCHEMA", schema);
        env.put("EVENTBUS_BROKER_TYPE", "kafka");
        env.put("EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        // Its own topic and dispatch group: another run's leftovers are neither read nor refused.
        env.put("EVENTBUS_NAMESPACE", schema.replace('_', '-'));
        env.put("EVENTBUS_SERVICE_PORT", Integer.toString(port));
        return builder.start();
    }

    /** {@code count} publishes from {@code publishers} closed-loop clients; fails on any non-2xx. */
    private static void publishAll(HttpClient http, List<HttpRequest> publish, int count, int publishers)
            throws Exception {
        AtomicInteger left = new AtomicInteger(count);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                clients.add(pool.submit(() -> {
                    int next;
                    while ((next = left.getAndDecrement()) > 0) {
                        int status = http.send(publish.get(next % publish.size()), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (status / 100 != 2) {
                            throw new IllegalStateException("publish answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitReceived(WebhookSink sink, int total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (sink.received().get() < total) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the receiver got " + sink.received().get() + " of " + total);
            }
            Thread.sleep(5);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }
}

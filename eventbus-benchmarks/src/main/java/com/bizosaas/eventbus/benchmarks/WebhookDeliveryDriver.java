package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.EventCodec;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Webhook delivery through the embedded engine (in-memory stores, one webhook subscription)
 * against raw JDK {@link HttpClient} POSTs of the same bodies to the same local receiver (a JDK
 * {@link HttpServer} with a thread pool answering 204). Reports sustained deliveries/s (publish
 * {@code N} events as fast as possible, time until the receiver has all of them) and publish →
 * receiver latency percentiles at a paced rate. Args: {@code [N] [perSecond] [seconds]}, defaults
 * 50,000, 1,000 and 20 (plus 5 s of warm-up at the paced rate).
 */
public final class WebhookDeliveryDriver {
    private static final int RAW_CONCURRENCY = 64; // the engine's default deliveryConcurrency

    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Latencies latencies;

    private WebhookDeliveryDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        new WebhookDeliveryDriver().run(n, perSecond, seconds);
    }

    private void run(int n, int perSecond, int seconds) throws Exception {
        ExecutorService receiverPool = Executors.newFixedThreadPool(8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/hook", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            Long sent = sentAt.remove(exchange.getRequestHeaders().getFirst("webhook-id"));
            Latencies current = latencies;
            if (sent != null && current != null) {
                current.record(System.nanoTime() - sent);
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(receiverPool);
        server.start();
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        UUID tenant = UUID.randomUUID();
        try {
            ExecutorService clientPool = Executors.newFixedThreadPool(8);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientPool).build();
            Semaphore inFlight = new Semaphore(RAW_CONCURRENCY);
            Consumer<Event> rawPost = e -> {
                inFlight.acquireUninterruptibly();
                sentAt.put(e.id().toString(), System.nanoTime());
                HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("webhook-id", e.id().toString())
                        .POST(HttpRequest.BodyPublishers.ofByteArray(EventCodec.encode(e))).build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, error) -> inFlight.release());
            };
            report("raw HttpClient", rawPost, tenant, n, perSecond, seconds);
            clientPool.shutdown();

            try (EventBus bus = EventBus.builder().build().start()) {
                bus.subscribe(new Subscription(UUID.randomUUID(), tenant, LeadCreated.TYPE, "bench-receiver",
                        DeliveryMode.WEBHOOK, url.toString(), null, 3, null, false, null, null));
                report("engine webhook", e -> {
                    sentAt.put(e.id().toString(), System.nanoTime());
                    bus.publish(e);
                }, tenant, n, perSecond, seconds);
            }
        } finally {
            server.stop(0);
            receiverPool.shutdown();
        }
    }

    private void report(String name, Consumer<Event> send, UUID tenant, int n, int perSecond, int seconds)
            throws InterruptedException {
        // Throughput: as fast as possible, until the receiver has everything.
        int base = received.get();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            send.accept(LeadCreated.event(tenant));
        }
        boolean all = Latencies.awaitCount(received, base + n, 120_000);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d deliveries in %.2f s = %.0f/s%s%n", name, received.get() - base,
                elapsed, (received.get() - base) / elapsed, all ? "" : " (NOT all arrived in 120 s)");

        // Latency: paced; the first 5 s warm up and are not recorded.
        sentAt.clear();
        latencies = null;
        int warmup = perSecond * 5;
        int measured = perSecond * seconds;
        Latencies recorded = new Latencies(measured + warmup);
        AtomicInteger sent = new AtomicInteger();
        base = received.get();
        Latencies.paced(warmup + measured, perSecond, () -> {
            if (sent.incrementAndGet() == warmup + 1) {
                latencies = recorded;
            }
            send.accept(LeadCreated.event(tenant));
        });
        all = Latencies.awaitCount(received, base + warmup + measured, 60_000);
        latencies = null;
        System.out.println(name + " publish->receiver at " + perSecond + "/s for " + seconds + " s: "
                + recorded.summary() + (all ? "" : " (NOT all arrived)"));
    }
}

package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Webhook delivery through the embedded engine (in-memory stores, one webhook subscription)
 * against a {@link RawWebhookPoster} sending the same bodies with the same headers, signature
 * and concurrency to the same {@link WebhookSink} receiver in the same run. Reports sustained
 * deliveries/s (publish {@code N} events as fast as possible, time until the receiver has all of
 * them, after an untimed warm-up of up to 10,000) and publish → receiver latency percentiles at a
 * paced rate. Args: {@code [N] [perSecond] [seconds]}, defaults 50,000, 1,000 and 20 (plus 5 s of
 * warm-up at the paced rate).
 */
public final class WebhookDeliveryDriver {
    // The engine's defaults: deliveryConcurrency, and its HTTP client's executor (the delivery pool).
    private static final int CONCURRENCY = 64;
    private static final int CLIENT_THREADS = 32;
    private static final int WARMUP_EVENTS = 10_000;

    private WebhookDeliveryDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        try (WebhookSink sink = new WebhookSink()) {
            run(sink, n, perSecond, seconds);
        }
    }

    private static void run(WebhookSink sink, int n, int perSecond, int seconds) throws Exception {
        URI url = URI.create(sink.url());
        UUID tenant = UUID.randomUUID();
        try (RawWebhookPoster raw = new RawWebhookPoster(url, CONCURRENCY, CLIENT_THREADS)) {
            report("raw HttpClient", sink, e -> {
                sink.expect(e.id().toString());
                raw.post(e);
            }, tenant, n, perSecond, seconds);
        }
        try (EventBus bus = EventBus.builder().build().start()) {
            bus.subscribe(new Subscription(UUID.randomUUID(), tenant, LeadCreated.TYPE, "bench-receiver",
                    DeliveryMode.WEBHOOK, url.toString(), null, 3, null, false, null, null));
            report("engine webhook", sink, e -> {
                sink.expect(e.id().toString());
                bus.publish(e);
            }, tenant, n, perSecond, seconds);
        }
    }

    /** Sends {@code count} fresh events as fast as possible; true when all arrived within 120 s. */
    private static boolean sendAll(Consumer<Event> send, UUID tenant, int count, AtomicInteger received)
            throws InterruptedException {
        int target = received.get() + count;
        for (int i = 0; i < count; i++) {
            send.accept(LeadCreated.event(tenant));
        }
        return Latencies.awaitCount(received, target, 120_000);
    }

    private static void report(String name, WebhookSink sink, Consumer<Event> send, UUID tenant, int n,
                               int perSecond, int seconds) throws InterruptedException {
        AtomicInteger received = sink.received();
        // Untimed warm-up, so that neither side's figure includes JIT compilation and connection set-up.
        sendAll(send, tenant, Math.min(n, WARMUP_EVENTS), received);
        // Throughput: as fast as possible, until the receiver has everything.
        int base = received.get();
        long start = System.nanoTime();
        boolean all = sendAll(send, tenant, n, received);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d deliveries in %.2f s = %.0f/s%s%n", name, received.get() - base,
                elapsed, (received.get() - base) / elapsed, all ? "" : " (NOT all arrived in 120 s)");

        // Latency: paced; the first 5 s warm up and are not recorded.
        sink.recordInto(null);
        int warmup = perSecond * 5;
        int measured = perSecond * seconds;
        Latencies recorded = new Latencies(measured + warmup);
        AtomicInteger sent = new AtomicInteger();
        base = received.get();
        Latencies.paced(warmup + measured, perSecond, () -> {
            if (sent.incrementAndGet() == warmup + 1) {
                sink.recordInto(recorded);
            }
            send.accept(LeadCreated.event(tenant));
        });
        all = Latencies.awaitCount(received, base + warmup + measured, 60_000);
        sink.recordInto(null);
        System.out.println(name + " publish->receiver at " + perSecond + "/s for " + seconds + " s: "
                + recorded.summary() + (all ? "" : " (NOT all arrived)"));
    }
}

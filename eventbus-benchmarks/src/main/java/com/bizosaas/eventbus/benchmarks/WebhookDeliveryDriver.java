package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Webhook delivery through the embedded engine (in-memory stores, one webhook subscription)
 * against a {@link RawWebhookPoster} sending the same bodies with the same headers, signature
 * and concurrency to the same {@link WebhookSink} receiver in the same run. Reports sustained
 * deliveries/s (publish {@code N} events as fast as possible, time until the receiver has all of
 * them, after an untimed round of N per side) and publish → receiver latency percentiles at a
 * paced rate. Args: {@code [N] [perSecond] [seconds]}, defaults 50,000, 1,000 and 20 (plus 5 s of
 * warm-up at the paced rate).
 */
public final class WebhookDeliveryDriver {
    // The engine's defaults: deliveryConcurrency, and its HTTP client's executor (the delivery pool).
    private static final int CONCURRENCY = 64;
    private static final int CLIENT_THREADS = 32;

    /** One way of getting an event to the receiver. */
    private record Side(String name, Consumer<Event> send) {
    }

    private WebhookDeliveryDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int perSecond = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        UUID tenant = UUID.randomUUID();
        try (WebhookSink sink = new WebhookSink();
             RawWebhookPoster raw = new RawWebhookPoster(URI.create(sink.url()), CONCURRENCY, CLIENT_THREADS);
             EventBus bus = EventBus.builder().build().start()) {
            bus.subscribe(new Subscription(UUID.randomUUID(), tenant, LeadCreated.TYPE, "bench-receiver",
                    DeliveryMode.WEBHOOK, sink.url(), null, 3, null, false, null, null));
            List<Side> sides = List.of(
                    new Side("raw HttpClient", e -> {
                        sink.expect(e.id().toString());
                        raw.post(e);
                    }),
                    new Side("engine webhook", e -> {
                        sink.expect(e.id().toString());
                        bus.publish(e);
                    }));
            // A whole untimed round first: on a busy 2-core machine JIT compilation takes tens of
            // thousands of requests, and the side measured first would otherwise pay for both.
            for (Side side : sides) {
                sendAll(side, tenant, n, sink.received());
            }
            for (Side side : sides) {
                throughput(side, sink, tenant, n);
            }
            for (Side side : sides) {
                latency(side, sink, tenant, perSecond, seconds);
            }
        }
    }

    /** Sends {@code count} fresh events as fast as possible; true when all arrived within 120 s. */
    private static boolean sendAll(Side side, UUID tenant, int count, AtomicInteger received)
            throws InterruptedException {
        int target = received.get() + count;
        for (int i = 0; i < count; i++) {
            side.send().accept(LeadCreated.event(tenant));
        }
        return Latencies.awaitCount(received, target, 120_000);
    }

    /** As fast as possible, until the receiver has everything. */
    private static void throughput(Side side, WebhookSink sink, UUID tenant, int n) throws InterruptedException {
        AtomicInteger received = sink.received();
        int base = received.get();
        long start = System.nanoTime();
        boolean all = sendAll(side, tenant, n, received);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s: %d deliveries in %.2f s = %.0f/s%s%n", side.name(),
                received.get() - base, elapsed, (received.get() - base) / elapsed,
                all ? "" : " (NOT all arrived in 120 s)");
    }

    /** Paced; the first 5 s warm up and are not recorded. */
    private static void latency(Side side, WebhookSink sink, UUID tenant, int perSecond, int seconds)
            throws InterruptedException {
        sink.recordInto(null);
        int warmup = perSecond * 5;
        int measured = perSecond * seconds;
        Latencies recorded = new Latencies(measured + warmup);
        AtomicInteger sent = new AtomicInteger();
        int base = sink.received().get();
        Latencies.paced(warmup + measured, perSecond, () -> {
            if (sent.incrementAndGet() == warmup + 1) {
                sink.recordInto(recorded);
            }
            side.send().accept(LeadCreated.event(tenant));
        });
        boolean all = Latencies.awaitCount(sink.received(), base + warmup + measured, 60_000);
        sink.recordInto(null);
        System.out.println(side.name() + " publish->receiver at " + perSecond + "/s for " + seconds + " s: "
                + recorded.summary() + (all ? "" : " (NOT all arrived)"));
    }
}

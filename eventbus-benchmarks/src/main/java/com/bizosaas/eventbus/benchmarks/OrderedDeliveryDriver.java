package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook delivery of one subject's events through the embedded engine (in-memory stores) to one
 * fast {@link WebhookSink}: an unordered subscription (the baseline: deliveries run concurrently),
 * an ordered one (one event of the subject at a time), and a replay of the subject to an ordered
 * subscription. Each scenario gets a fresh bus; the figure is N events from the first publish (or
 * the replay's start) until the receiver has all of them. Args: {@code [N] [rounds]}, defaults
 * 1,000 and 3; an untimed unordered round warms the JIT up first.
 */
public final class OrderedDeliveryDriver {
    private static final String SUBJECT = "lead-123";
    private static final long TIMEOUT_MS = 600_000;

    private OrderedDeliveryDriver() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (WebhookSink sink = new WebhookSink()) {
            live(sink, false, n);
            for (int round = 1; round <= rounds; round++) {
                double unordered = live(sink, false, n);
                double ordered = live(sink, true, n);
                double replay = replay(sink, n);
                System.out.printf(Locale.ROOT,
                        "round %d, N = %d: unordered %.0f/s, ordered %.0f/s (%.2fx), ordered replay %.0f/s (%.2fx)%n",
                        round, n, unordered, ordered, ordered / unordered, replay, replay / unordered);
            }
        }
    }

    /** Publishes N events of one subject to a fresh subscription; deliveries/s until all arrived. */
    private static double live(WebhookSink sink, boolean ordered, int n) throws Exception {
        UUID tenant = UUID.randomUUID();
        try (EventBus bus = EventBus.builder().build().start()) {
            subscribe(bus, sink, tenant, ordered);
            int target = sink.received().get() + n;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                bus.publish(subjectEvent(tenant));
            }
            return rate(sink.received(), target, n, start);
        }
    }

    /** Stores N events of one subject with no subscriber, then replays them to an ordered subscription. */
    private static double replay(WebhookSink sink, int n) throws Exception {
        UUID tenant = UUID.randomUUID();
        try (EventBus bus = EventBus.builder().build().start()) {
            for (int i = 0; i < n; i++) {
                bus.publish(subjectEvent(tenant));
            }
            Subscription late = subscribe(bus, sink, tenant, true);
            int target = sink.received().get() + n;
            long start = System.nanoTime();
            bus.startReplay(new ReplayRequest(tenant, late.id(), Set.of(LeadCreated.TYPE), null, null, 0, 0));
            return rate(sink.received(), target, n, start);
        }
    }

    private static Subscription subscribe(EventBus bus, WebhookSink sink, UUID tenant, boolean ordered) {
        return bus.subscribe(new Subscription(UUID.randomUUID(), tenant, LeadCreated.TYPE, "bench-receiver",
                DeliveryMode.WEBHOOK, sink.url(), null, 3, null, ordered, null, null));
    }

    private static Event subjectEvent(UUID tenant) {
        return LeadCreated.event(tenant).toBuilder().subject(SUBJECT).build();
    }

    private static double rate(AtomicInteger received, int target, int n, long start) throws InterruptedException {
        if (!Latencies.awaitCount(received, target, TIMEOUT_MS)) {
            throw new IllegalStateException("not all " + n + " events arrived within " + TIMEOUT_MS + " ms");
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }
}

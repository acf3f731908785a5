package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publish latency while PostgreSQL is down: an engine on the PostgreSQL stores (as the server runs
 * it) publishes a warm-up while the database is up, then the driver runs the stop command and
 * times {@code publishes} publishes from {@code threads} threads, each of which should fail with
 * {@link UnavailableException} (the server's 503). Settings from the {@code EVENTBUS_POSTGRES_*}
 * variables; point them at a private cluster, since the stop command ends it. Args:
 * {@code <stop-command> [publishes] [threads]}.
 */
public final class PostgresOutageDriver {
    private PostgresOutageDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: PostgresOutageDriver <stop-command> [publishes] [threads]");
        }
        int publishes = args.length > 1 ? Integer.parseInt(args[1]) : 80;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        PostgresDatabase database = PostgresDatabase.start(PostgresConfig.fromEnv(System.getenv()));
        UUID tenant = UUID.randomUUID();
        try (EventBus bus = EventBus.builder().store(database.eventStore())
                .subscriptionStore(database.subscriptionStore()).deliveryStore(database.deliveryStore())
                .build().start()) {
            for (int i = 0; i < 100; i++) {
                bus.publish(event(tenant));
            }
            Process stop = new ProcessBuilder("sh", "-c", args[0]).inheritIO().start();
            if (stop.waitFor() != 0) {
                throw new IllegalStateException("the stop command failed: " + args[0]);
            }
            Latencies latencies = new Latencies(publishes);
            AtomicInteger unavailable = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < publishes; i++) {
                calls.add(pool.submit(() -> {
                    long started = System.nanoTime();
                    try {
                        bus.publish(event(tenant));
                        other.incrementAndGet();
                    } catch (UnavailableException e) {
                        unavailable.incrementAndGet();
                    } catch (RuntimeException e) {
                        other.incrementAndGet();
                    }
                    latencies.record(System.nanoTime() - started);
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            pool.shutdown();
            System.out.printf("publish while PostgreSQL is down (%d threads): %s; unavailable=%d, other=%d%n",
                    threads, latencies.summary(), unavailable.get(), other.get());
        }
    }

    private static Event event(UUID tenant) {
        return Event.builder().type(LeadCreated.TYPE).tenant(tenant).source("crm-service").data(LeadCreated.data())
                .build();
    }
}

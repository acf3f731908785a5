package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole Redis publish path as an operator runs it (issue 25): the engine on the PostgreSQL
 * store and the Redis broker, {@code publishers} threads publishing single {@code lead.created}
 * events as fast as they can to one in-process subscriber. Reports publishes acknowledged per
 * second, the time until the subscriber had every event, and until the outbox was empty (the
 * outbox bookkeeping is what issue 25 changed: a row now stays until dispatched). Compiles against
 * the public API only, so the same file measures an older build for a before/after comparison.
 * Args: {@code [events] [publishers] [rounds]}, defaults 20,000, 16 and 3 (after one untimed round).
 */
public final class RedisOutboxDriver {
    private RedisOutboxDriver() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int publishers = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String schema = "bench_outbox_" + run;
        PostgresConfig postgres = PostgresConfig.builder().host("127.0.0.1").port(5432).user("postgres").password("")
                .database("test").schema(schema).poolSize(10).build();
        RedisConfig redis = RedisConfig.fromEnv(Map.of(RedisConfig.HOST, "127.0.0.1",
                RedisConfig.STREAM_PREFIX, "bench-outbox-" + run + ":"));
        PostgresDatabase db = PostgresDatabase.start(postgres);
        AtomicInteger handled = new AtomicInteger();
        try (EventBus bus = EventBus.builder().store(db.eventStore()).subscriptionStore(db.subscriptionStore())
                .deliveryStore(db.deliveryStore()).broker(RedisStreamsBroker.create(redis)).build().start()) {
            bus.on(LeadCreated.TYPE, "bench-outbox", e -> handled.incrementAndGet());
            UUID tenant = UUID.randomUUID();
            round(bus, tenant, events, publishers, handled, schema, "warm-up");
            for (int r = 1; r <= rounds; r++) {
                round(bus, tenant, events, publishers, handled, schema, "round " + r);
            }
        } finally {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static void round(EventBus bus, UUID tenant, int events, int publishers, AtomicInteger handled,
                              String schema, String name) throws Exception {
        int target = handled.get() + events;
        AtomicInteger left = new AtomicInteger(events);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            Thread t = new Thread(() -> {
                while (left.getAndDecrement() > 0) {
                    bus.publish(LeadCreated.event(tenant));
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long published = System.nanoTime();
        if (!Latencies.awaitCount(handled, target, 300_000)) {
            throw new IllegalStateException("the subscriber did not get every event within 5 minutes");
        }
        long delivered = System.nanoTime();
        while (outboxRows(schema) > 0) {
            Thread.sleep(20);
        }
        long drained = System.nanoTime();
        System.out.printf("%s: %d events, %d publishers: %.0f publishes/s acknowledged; all handled after %.0f ms;"
                        + " outbox empty after %.0f ms%n", name, events, publishers,
                events / ((published - start) / 1e9), (delivered - start) / 1e6, (drained - start) / 1e6);
    }

    private static long outboxRows(String schema) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + schema + ".outbox")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

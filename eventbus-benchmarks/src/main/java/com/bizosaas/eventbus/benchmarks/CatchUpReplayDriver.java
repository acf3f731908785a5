package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.following.Follower;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Catch-up replay on PostgreSQL: stores {@code count} events of one tenant, then a follower
 * ({@code bus.follow} from position 0) reads them all; the baseline is the same keyset paging
 * through {@code EventStore.query} in a plain loop, in the same run. Reports events per second of
 * both and the ratio. Uses a fresh schema {@code bench_follow_<random>} in database {@code test}.
 * Args: {@code [count]}, default 1,000,000.
 */
public final class CatchUpReplayDriver {
    private static final int APPEND_BATCH = 1000;

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String schema = "bench_follow_" + Long.toHexString(System.nanoTime());
        PostgresConfig config = PostgresConfig.builder().host("127.0.0.1").port(5432).user("postgres").password("")
                .database("test").schema(schema).poolSize(8).build();
        PostgresDatabase database = PostgresDatabase.start(config);
        try (EventBus bus = EventBus.builder().store(database.eventStore()).build().start()) {
            EventStore store = database.eventStore();
            UUID tenant = UUID.randomUUID();
            long seedStart = System.nanoTime();
            for (int stored = 0; stored < count; stored += APPEND_BATCH) {
                store.append(batch(tenant, Math.min(APPEND_BATCH, count - stored)));
            }
            System.out.printf(Locale.ROOT, "stored %d events in %.1f s%n", count, (System.nanoTime() - seedStart) / 1e9);

            double baseline = pageThrough(store, tenant, count);
            double follower = follow(bus, tenant, count);
            System.out.printf(Locale.ROOT, "store paging %.0f events/s, follower %.0f events/s: ratio %.3f (%d events)%n",
                    baseline, follower, follower / baseline, count);
        } finally {
            database.close();
        }
    }

    private static List<Event> batch(UUID tenant, int size) {
        List<Event> events = new ArrayList<>(size);
        Instant now = Instant.now();
        for (int i = 0; i < size; i++) {
            events.add(Event.builder().id(EventIds.next()).type(LeadCreated.TYPE).tenant(tenant).source("crm-service")
                    .time(now).data(LeadCreated.data()).build());
        }
        return events;
    }

    private static double pageThrough(EventStore store, UUID tenant, int count) {
        long start = System.nanoTime();
        long cursor = 0;
        long read = 0;
        while (read < count) {
            Page<Event> page = store.query(EventQuery.forTenant(tenant).after(cursor).order(SortOrder.OLDEST_FIRST)
                    .limit(EventQuery.MAX_LIMIT).build());
            for (Event e : page.items()) {
                cursor = e.position();
                read++;
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    private static double follow(EventBus bus, UUID tenant, int count) throws InterruptedException {
        AtomicLong handled = new AtomicLong();
        long start = System.nanoTime();
        try (Follower follower = bus.follow(tenant, 0, e -> handled.incrementAndGet())) {
            while (handled.get() < count) {
                Thread.sleep(5);
            }
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}

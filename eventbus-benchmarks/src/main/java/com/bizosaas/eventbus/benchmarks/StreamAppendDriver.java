package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.util.List;
import java.util.UUID;

/**
 * Stream appends with an expected version on PostgreSQL: {@code writers} threads, each on its own
 * stream, append one event at a time with the version they last saw (optimistic concurrency, as an
 * aggregate does); the baseline is the same threads publishing the same events without a stream,
 * in the same run. Reports latency percentiles of both. Uses a fresh schema
 * {@code bench_streams_<random>}. Args: {@code [writers] [appendsPerWriter]}, defaults 16 and 300.
 */
public final class StreamAppendDriver {
    public static void main(String[] args) throws Exception {
        int writers = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int appends = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        String schema = "bench_streams_" + Long.toHexString(System.nanoTime());
        PostgresConfig config = PostgresConfig.builder().host("127.0.0.1").port(5432).user("postgres").password("")
                .database("test").schema(schema).poolSize(writers).build();
        PostgresDatabase database = PostgresDatabase.start(config);
        try (EventBus bus = EventBus.builder().store(database.eventStore()).build().start()) {
            UUID tenant = UUID.randomUUID();
            // Untimed warm-up of both paths.
            run(writers, appends / 3, w -> appendLoop(bus, tenant, "warm-" + w, appends / 3, null));
            run(writers, appends / 3, w -> publishLoop(bus, tenant, appends / 3, null));

            Latencies publish = new Latencies(writers * appends);
            run(writers, appends, w -> publishLoop(bus, tenant, appends, publish));
            Latencies stream = new Latencies(writers * appends);
            run(writers, appends, w -> appendLoop(bus, tenant, "account-" + w, appends, stream));
            System.out.println("publish (baseline), " + writers + " writers: " + publish.summary());
            System.out.println("stream append with expected version, " + writers + " writers on distinct streams: "
                    + stream.summary());
        } finally {
            database.close();
        }
    }

    private interface Writer {
        void write(int index);
    }

    private static void run(int writers, int appends, Writer writer) throws InterruptedException {
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int index = w;
            threads[w] = new Thread(() -> writer.write(index));
            threads[w].start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void appendLoop(EventBus bus, UUID tenant, String stream, int appends, Latencies latencies) {
        long version = 0;
        for (int i = 0; i < appends; i++) {
            long start = System.nanoTime();
            List<Event> stored = bus.appendToStream(tenant, stream, version, List.of(event(tenant)));
            if (latencies != null) {
                latencies.record(System.nanoTime() - start);
            }
            version = stored.get(stored.size() - 1).streamVersion();
        }
    }

    private static void publishLoop(EventBus bus, UUID tenant, int appends, Latencies latencies) {
        for (int i = 0; i < appends; i++) {
            long start = System.nanoTime();
            bus.publish(event(tenant));
            if (latencies != null) {
                latencies.record(System.nanoTime() - start);
            }
        }
    }

    private static Event event(UUID tenant) {
        return Event.builder().type(LeadCreated.TYPE).tenant(tenant).source("crm-service").data(LeadCreated.data()).build();
    }
}

package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scheduled-publish accuracy: an engine on the PostgreSQL stores (as the server runs it), or with
 * {@code memory} on the in-memory ones, is given
 * {@code events} events due evenly over {@code window-seconds}, starting {@code lead-seconds} from
 * now (so that scheduling them all ends before the first is due); an in-process handler records
 * each one's lateness (handled minus {@code deliver_at}). The baseline, in the same run and on the
 * same engine: one unscheduled event every 100 ms during the window, timed from publish to
 * handler. An event handled before it was due is counted as early (there must be none). Settings
 * from the {@code EVENTBUS_POSTGRES_*} variables; the schema is a fresh one, printed, for dropping
 * after. Args: {@code [events] [window-seconds] [lead-seconds] [postgres|memory]}.
 */
public final class ScheduledLatenessDriver {
    private static final int BATCH = 500;
    private static final int SUBJECTS = 64;

    private ScheduledLatenessDriver() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Duration window = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 3600);
        Duration lead = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 60);
        boolean memory = args.length > 3 && args[3].equals("memory");
        EventBus.Builder builder = EventBus.builder();
        if (!memory) {
            String schema = "bench_schedule_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            PostgresDatabase database = PostgresDatabase.start(PostgresConfig.fromEnv(System.getenv()).toBuilder()
                    .schema(schema).build());
            System.out.println("schema " + schema);
            builder.store(database.eventStore()).subscriptionStore(database.subscriptionStore())
                    .deliveryStore(database.deliveryStore());
        }
        UUID tenant = UUID.randomUUID();
        Latencies lateness = new Latencies(events);
        Latencies baseline = new Latencies(100_000);
        AtomicInteger early = new AtomicInteger();
        AtomicInteger scheduledHandled = new AtomicInteger();
        try (EventBus bus = builder.build().start()) {
            bus.on(LeadCreated.TYPE, "lateness", event -> {
                Instant now = Instant.now();
                if (event.deliverAt() == null) {
                    baseline.record(Duration.between(event.time(), now).toNanos());
                    return;
                }
                long late = Duration.between(event.deliverAt(), now).toNanos();
                if (late < 0) {
                    early.incrementAndGet();
                }
                lateness.record(Math.max(0, late));
                scheduledHandled.incrementAndGet();
            });
            Instant first = Instant.now().plus(lead);
            long spacingNanos = window.toNanos() / events;
            long scheduling = System.nanoTime();
            for (int start = 0; start < events; start += BATCH) {
                List<Event> batch = new ArrayList<>(BATCH);
                for (int i = start; i < Math.min(events, start + BATCH); i++) {
                    batch.add(event(tenant, i).deliverAt(first.plusNanos(i * spacingNanos)).build());
                }
                bus.publishAll(batch);
            }
            System.out.printf("scheduled %d events in %.1f s; the first is due in %.1f s%n", events,
                    (System.nanoTime() - scheduling) / 1e9, Duration.between(Instant.now(), first).toMillis() / 1e3);
            Instant end = first.plus(window);
            for (int n = 0; Instant.now().isBefore(end); n++) {
                bus.publish(event(tenant, n).build());
                Thread.sleep(100);
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (scheduledHandled.get() < events && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.printf("scheduled, lateness: %s; early=%d, handled %d of %d%n", lateness.summary(),
                    early.get(), scheduledHandled.get(), events);
            System.out.printf("baseline, unscheduled publish -> handler: %s%n", baseline.summary());
        }
    }

    /** Events of one subject are delivered one after another: {@value #SUBJECTS} subjects let delivery run in parallel. */
    private static Event.Builder event(UUID tenant, int n) {
        return Event.builder().type(LeadCreated.TYPE).tenant(tenant).source("crm-service").subject("lead-" + n % SUBJECTS)
                .data(LeadCreated.data());
    }
}

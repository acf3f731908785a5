package com.bizosaas.eventbus.store.postgres.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hourly housekeeping: creates the coming days' partitions, and forgets delivered and discarded
 * deliveries older than the TTL. Event retention itself is the engine's: it calls
 * {@code EventStore.purgeBefore} on the same TTL, which drops whole partitions. Creates the
 * partitions once synchronously at start, so the first appends already land in day partitions.
 * Thread-safe.
 */
public final class Maintenance implements AutoCloseable {
    /** Partitions exist this many days ahead, so a missed run or two never sends events to the default. */
    public static final int DAYS_AHEAD = 7;
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final Partitions partitions;
    private final PostgresDeliveryStore deliveries;
    private final Duration ttl;
    private final Clock clock;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "eventbus-postgres-maintenance");
        t.setDaemon(true);
        return t;
    });

    public Maintenance(Partitions partitions, PostgresDeliveryStore deliveries, Duration ttl, Clock clock) {
        this.partitions = partitions;
        this.deliveries = deliveries;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Creates the partitions now, then schedules the hourly run. */
    public void start() {
        createPartitions();
        scheduler.scheduleWithFixedDelay(this::runQuietly, INTERVAL.toMinutes(), INTERVAL.toMinutes(),
                TimeUnit.MINUTES);
        // Once soon after start, off the start-up path: after a long stop it may have much to do.
        scheduler.schedule(this::runQuietly, 1, TimeUnit.MINUTES);
    }

    /** Creates partitions from yesterday to {@link #DAYS_AHEAD} days ahead (UTC). */
    public void createPartitions() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        partitions.ensure(today.minusDays(1), today.plusDays(DAYS_AHEAD));
    }

    /** One run: partitions ahead, then finished deliveries past the TTL. */
    public void run() {
        createPartitions();
        Instant cutoff = clock.instant().minus(ttl);
        long finished = deliveries.purgeFinishedBefore(cutoff);
        if (finished > 0) {
            LOG.info("Retention removed {} finished deliveries created before {}", finished, cutoff);
        }
    }

    private void runQuietly() {
        try {
            run();
        } catch (RuntimeException e) {
            LOG.warn("PostgreSQL store maintenance failed; retrying in {}", INTERVAL, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

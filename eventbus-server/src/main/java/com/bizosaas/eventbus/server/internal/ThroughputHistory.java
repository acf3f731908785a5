package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBusStats;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last hour of this instance's counters, sampled every {@link #INTERVAL}, turned into one
 * point per interval: events published and delivered per second, failed attempts and new dead
 * letters in that interval. The running interval is the last point, so a chart moves at once.
 * Thread-safe.
 */
final class ThroughputHistory {
    static final Duration INTERVAL = Duration.ofSeconds(10);
    static final Duration WINDOW = Duration.ofHours(1);
    private static final int KEPT = (int) (WINDOW.toSeconds() / INTERVAL.toSeconds()) + 1;

    /** One interval ending at {@code time}. */
    record Point(Instant time,
                 @JsonProperty("published_per_second") double publishedPerSecond,
                 @JsonProperty("delivered_per_second") double deliveredPerSecond,
                 long failed,
                 @JsonProperty("dead_lettered") long deadLettered) {
    }

    private record Sample(Instant at, long published, long delivered, long failed, long deadLettered) {
    }

    private final EventBusStats stats;
    private final Clock clock;
    private final Deque<Sample> samples = new ArrayDeque<>();

    ThroughputHistory(EventBusStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
        sample();
    }

    /** Records the counters now; called every {@link #INTERVAL}. */
    synchronized void sample() {
        samples.addLast(now());
        while (samples.size() > KEPT) {
            samples.removeFirst();
        }
    }

    /** Oldest first; the last point runs from the latest sample to now. */
    synchronized List<Point> lastHour() {
        List<Point> points = new ArrayList<>(samples.size());
        Sample previous = null;
        for (Sample sample : samples) {
            if (previous != null) {
                points.add(between(previous, sample));
            }
            previous = sample;
        }
        Sample current = now();
        if (current.at().isAfter(previous.at())) {
            points.add(between(previous, current));
        }
        return points;
    }

    private Sample now() {
        return new Sample(clock.instant(), stats.eventsPublished(), stats.eventsProcessed(), stats.eventsFailed(),
                stats.deadLettered());
    }

    private static Point between(Sample from, Sample to) {
        double seconds = Math.max(0.001, Duration.between(from.at(), to.at()).toMillis() / 1000.0);
        return new Point(to.at(), (to.published() - from.published()) / seconds,
                (to.delivered() - from.delivered()) / seconds, to.failed() - from.failed(),
                to.deadLettered() - from.deadLettered());
    }
}

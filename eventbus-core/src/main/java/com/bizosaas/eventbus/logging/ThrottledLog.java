package com.bizosaas.eventbus.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs repeated failures of one kind at most once per interval: the first at once, the ones that
 * follow within the interval only counted, and the first after it with that count appended. An
 * outage then costs a line per kind and interval instead of one per message or retry. The kind is
 * a caller-chosen stable key (never an event id: every kind is remembered). Thread-safe.
 */
public final class ThrottledLog {
    /** How often a kind of failure that keeps happening is logged again by default. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    private final Logger logger;
    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private ThrottledLog(Logger logger, Duration interval, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive; got " + interval);
        }
        this.logger = logger;
        this.interval = interval;
        this.clock = clock;
    }

    /** Throttles {@code logger} to one line per kind every {@link #DEFAULT_INTERVAL}. */
    public static ThrottledLog of(Logger logger) {
        return of(logger, DEFAULT_INTERVAL, Clock.systemUTC());
    }

    public static ThrottledLog of(Logger logger, Duration interval, Clock clock) {
        return new ThrottledLog(logger, interval, clock);
    }

    /** As {@link Logger#warn(String, Object...)}, unless this kind was logged less than an interval ago. */
    public void warn(String kind, String format, Object... args) {
        Window previous = admit(kind);
        if (previous != null) {
            logger.warn(withCount(format, previous), withCount(args, previous));
        }
    }

    /** As {@link Logger#error(String, Object...)}, unless this kind was logged less than an interval ago. */
    public void error(String kind, String format, Object... args) {
        Window previous = admit(kind);
        if (previous != null) {
            logger.error(withCount(format, previous), withCount(args, previous));
        }
    }

    /**
     * Opens a new window and returns the one it ends (empty for a first occurrence), or null when
     * this occurrence falls into the current window and is only counted.
     */
    private Window admit(String kind) {
        Instant now = clock.instant();
        Window[] ended = {null};
        windows.compute(kind, (k, window) -> {
            if (window == null || !now.isBefore(window.loggedAt().plus(interval))) {
                ended[0] = window == null ? new Window(now, 0) : window;
                return new Window(now, 0);
            }
            return new Window(window.loggedAt(), window.held() + 1);
        });
        return ended[0];
    }

    private static String withCount(String format, Window ended) {
        return ended.held() == 0 ? format : format + " ({} more like this since {})";
    }

    /** Puts the count before a trailing throwable, which slf4j only treats as such when it is last. */
    private static Object[] withCount(Object[] args, Window ended) {
        if (ended.held() == 0) {
            return args;
        }
        boolean trailingThrowable = args.length > 0 && args[args.length - 1] instanceof Throwable;
        int plain = trailingThrowable ? args.length - 1 : args.length;
        Object[] result = Arrays.copyOf(args, args.length + 2);
        result[plain] = ended.held();
        result[plain + 1] = ended.loggedAt();
        if (trailingThrowable) {
            result[plain + 2] = args[plain];
        }
        return result;
    }

    /** The time a kind was last logged and how many of it were held back since. */
    private record Window(Instant loggedAt, long held) {
    }
}

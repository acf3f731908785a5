package com.bizosaas.eventbus.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * One WARN line per interval for a failure that can repeat many times a second (clients that
 * disconnect, send malformed bodies or stall): the first occurrence is logged, later ones within
 * the interval are only counted, and the next line says how many there were. No stack traces:
 * these are the client's doing, not the server's. Thread-safe.
 */
final class ThrottledWarning {
    private final Logger log;
    private final Duration interval;
    private final Clock clock;
    private Instant nextLine = Instant.MIN;
    private long suppressed;

    ThrottledWarning(Logger log, Duration interval, Clock clock) {
        this.log = log;
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs {@code message} (an SLF4J pattern without a throwable) unless one was logged within the interval. */
    void warn(String message, Object... args) {
        long alsoSuppressed;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(nextLine)) {
                suppressed++;
                return;
            }
            nextLine = now.plus(interval);
            alsoSuppressed = suppressed;
            suppressed = 0;
        }
        if (alsoSuppressed == 0) {
            log.warn(message, args);
        } else {
            log.warn(message + " (and {} more like it in the last {} s)", append(args, alsoSuppressed,
                    interval.toSeconds()));
        }
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = new Object[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}

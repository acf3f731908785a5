package com.bizosaas.eventbus.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

class ThrottledLogTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final ManualClock clock = new ManualClock(START);
    private final RecordingLogger logger = new RecordingLogger();
    private final ThrottledLog log = ThrottledLog.of(logger, Duration.ofSeconds(10), clock);

    @Test
    void aFailureThatKeepsRepeatingIsLoggedOncePerIntervalWithHowManyWereHeldBack() {
        for (int i = 0; i < 2_635; i++) {
            log.warn("redis-read", "Lost Redis while reading {}", "stream-a");
            clock.advance(Duration.ofMillis(7));
        }

        // 2,635 failures over 18.4 s: logged at 0 s and at 10.003 s.
        assertThat(logger.lines).hasSize(2);
        assertThat(logger.lines.get(0).text()).isEqualTo("Lost Redis while reading stream-a");
        assertThat(logger.lines.get(1).text())
                .isEqualTo("Lost Redis while reading stream-a (1428 more like this since 2026-01-01T00:00:00Z)");
        assertThat(logger.lines).allSatisfy(line -> assertThat(line.level()).isEqualTo(Level.WARN));
    }

    @Test
    void kindsAreThrottledSeparately() {
        log.warn("publish", "publish failed");
        log.error("claim", "claim failed");
        log.warn("publish", "publish failed");

        assertThat(logger.lines).extracting(Line::text).containsExactly("publish failed", "claim failed");
        assertThat(logger.lines).extracting(Line::level).containsExactly(Level.WARN, Level.ERROR);
    }

    @Test
    void aTrailingThrowableStaysTheLoggedExceptionWhenTheCountIsAdded() {
        IllegalStateException failure = new IllegalStateException("down");
        log.warn("relay", "Broker did not take {} event(s)", 3, failure);
        log.warn("relay", "Broker did not take {} event(s)", 4, failure);
        clock.advance(Duration.ofSeconds(10));
        log.warn("relay", "Broker did not take {} event(s)", 5, failure);

        assertThat(logger.lines).extracting(Line::text).containsExactly("Broker did not take 3 event(s)",
                "Broker did not take 5 event(s) (1 more like this since 2026-01-01T00:00:00Z)");
        assertThat(logger.lines).extracting(Line::thrown).containsExactly(failure, failure);
    }

    @Test
    void aKindQuietForAWholeIntervalIsLoggedAgainWithoutACount() {
        log.warn("relay", "failed");
        clock.advance(Duration.ofSeconds(9));
        log.warn("relay", "failed");
        clock.advance(Duration.ofSeconds(30));
        log.warn("relay", "failed");
        clock.advance(Duration.ofSeconds(30));
        log.warn("relay", "failed");

        assertThat(logger.lines).extracting(Line::text).containsExactly("failed",
                "failed (1 more like this since 2026-01-01T00:00:00Z)", "failed");
    }

    private record Line(Level level, String text, Throwable thrown) {
    }

    /** Keeps every line it is asked to log, formatted as slf4j would. */
    private static final class RecordingLogger extends LegacyAbstractLogger {
        final List<Line> lines = new CopyOnWriteArrayList<>();

        RecordingLogger() {
            name = "recording";
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                                   Throwable throwable) {
            lines.add(new Line(level, MessageFormatter.basicArrayFormat(pattern, arguments), throwable));
        }

        @Override
        public boolean isTraceEnabled() {
            return true;
        }

        @Override
        public boolean isDebugEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return true;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }
    }
}

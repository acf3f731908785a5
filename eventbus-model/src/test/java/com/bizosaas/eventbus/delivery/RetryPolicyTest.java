package com.bizosaas.eventbus.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one backoff: delivery retries, broker reconnects and the SDK's retries. */
class RetryPolicyTest {
    private final RetryPolicy doubling = RetryPolicy.doubling(Duration.ofMillis(100), Duration.ofSeconds(5));

    @Test
    void growsByTheMultiplierUpToTheCapWhenJitterIsAtItsTop() {
        assertThat(doubling.delayAfter(1, 1.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(doubling.delayAfter(2, 1.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(doubling.delayAfter(7, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(doubling.delayAfter(10_000, 1.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(RetryPolicy.DEFAULT.delayAfter(3, 1.0)).isEqualTo(Duration.ofSeconds(16));
    }

    @Test
    void neverWaitsLessThanHalfTheScheduleAndCountsZeroFailuresAsOne() {
        assertThat(doubling.delayAfter(3, 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(doubling.delayAfter(0, 1.0)).isEqualTo(doubling.delayAfter(1, 1.0));
        for (int i = 0; i < 1_000; i++) {
            assertThat(doubling.delayAfter(4)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
        }
    }

    @Test
    void refusesACapBelowTheInitialDelay() {
        assertThatThrownBy(() -> RetryPolicy.doubling(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package com.bizosaas.eventbus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Duration initial = Duration.ofMillis(100);
    private final Duration max = Duration.ofSeconds(5);

    @Test
    void doublesPerFailureUpToTheCapWhenJitterIsAtItsTop() {
        Backoff top = new Backoff(initial, max, () -> 1.0);
        assertThat(top.delay(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(top.delay(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(top.delay(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(top.delay(7)).isEqualTo(Duration.ofMillis(5000));
        assertThat(top.delay(1000)).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void neverWaitsLessThanHalfTheSchedule() {
        Backoff bottom = new Backoff(initial, max, () -> 0.0);
        assertThat(bottom.delay(1)).isEqualTo(Duration.ofMillis(50));
        assertThat(bottom.delay(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(bottom.delay(64)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void treatsANonPositiveFailureCountAsTheFirst() {
        Backoff top = new Backoff(initial, max, () -> 1.0);
        assertThat(top.delay(0)).isEqualTo(top.delay(1));
    }
}

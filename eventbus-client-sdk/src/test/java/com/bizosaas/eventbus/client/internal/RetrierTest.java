package com.bizosaas.eventbus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.InvalidRequestException;
import com.bizosaas.eventbus.client.RateLimitedException;
import com.bizosaas.eventbus.client.ServerUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class RetrierTest {
    /** Runs scheduled retries at once and remembers the delays asked for: time without sleeping. */
    private final List<Duration> delays = new ArrayList<>();
    private final Retrier.Scheduler instant = (task, delay) -> {
        delays.add(delay);
        task.run();
    };
    private final Retrier retrier = new Retrier(4, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), () -> 1.0),
            instant);

    @Test
    void retriesServerErrorsWithGrowingDelaysUntilACallSucceeds() {
        Script script = new Script(unavailable(503), unavailable(0), "stored");

        assertThat(retrier.call("publish", script::next).join()).isEqualTo("stored");
        assertThat(script.calls).isEqualTo(3);
        assertThat(delays).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheLastError() {
        Script script = new Script(unavailable(500), unavailable(502), unavailable(503), unavailable(504), "late");

        assertThatThrownBy(() -> retrier.call("publish", script::next).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ServerUnavailableException.class).hasMessageContaining("504");
        assertThat(script.calls).isEqualTo(4);
    }

    @Test
    void doesNotRetryARequestTheServerRefused() {
        Script script = new Script(new InvalidRequestException("validation_failed", "bad", 400, "event_type"), "x");

        assertThatThrownBy(() -> retrier.call("publish", script::next).join())
                .cause().isInstanceOf(InvalidRequestException.class);
        assertThat(script.calls).isEqualTo(1);
        assertThat(delays).isEmpty();
    }

    @Test
    void waitsAtLeastAsLongAsRetryAfterSays() {
        Script script = new Script(new RateLimitedException("rate_limited", "slow down", Duration.ofSeconds(3)), "ok");

        assertThat(retrier.call("publish", script::next).join()).isEqualTo("ok");
        assertThat(delays).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void usesItsOwnBackoffWhenRetryAfterIsShorter() {
        Script script = new Script(new RateLimitedException("rate_limited", "slow down", Duration.ZERO), "ok");

        retrier.call("publish", script::next).join();
        assertThat(delays).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void doesNotRetryFailuresThatAreNotClientExceptions() {
        Script script = new Script(new IllegalStateException("bug"), "x");

        assertThatThrownBy(() -> retrier.call("publish", script::next).join())
                .cause().isInstanceOf(IllegalStateException.class);
        assertThat(script.calls).isEqualTo(1);
    }

    @Test
    void aRetryTheClosedClientCannotScheduleFailsInsteadOfHanging() {
        Retrier closed = new Retrier(4, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1)), (task, delay) -> {
            throw new RejectedExecutionException("timer shut down");
        });
        Script script = new Script(unavailable(503), "never");

        assertThatThrownBy(() -> closed.call("publish", script::next).join())
                .cause().isInstanceOfSatisfying(EventBusClientException.class, e -> {
                    assertThat(e.code()).isEqualTo("client_closed");
                    assertThat(e.isRetryable()).isFalse();
                });
        assertThat(script.calls).isEqualTo(1);
    }

    private static EventBusClientException unavailable(int status) {
        return status == 0
                ? ErrorResponses.fromFailure("POST /events/publish", new IOException("connection reset"))
                : ErrorResponses.fromResponse("POST /events/publish", status, "", null);
    }

    /** Answers each call with the next scripted outcome: an exception fails it, anything else is the result. */
    private static final class Script {
        private final Deque<Object> outcomes;
        private int calls;

        Script(Object... outcomes) {
            this.outcomes = new ArrayDeque<>(List.of(outcomes));
        }

        CompletableFuture<String> next() {
            calls++;
            Object outcome = outcomes.removeFirst();
            return outcome instanceof Throwable t
                    ? CompletableFuture.failedFuture(t)
                    : CompletableFuture.completedFuture((String) outcome);
        }
    }
}

package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a call that failed with a {@linkplain EventBusClientException#isRetryable() retryable}
 * error, after a {@link Backoff} delay (or the server's {@code Retry-After}, when longer), up to
 * a number of attempts; then fails with the last error. Only for calls that are safe to repeat:
 * reads, acks, and publishes whose event id was fixed before the first try. Thread-safe.
 */
final class Retrier {
    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /**
     * Runs a task after a delay; a scheduled executor in production, an instant fake in tests.
     * Throws {@link RejectedExecutionException} once the client is closed.
     */
    interface Scheduler {
        void schedule(Runnable task, Duration delay);
    }

    private final int maxAttempts;
    private final Backoff backoff;
    private final Scheduler scheduler;

    Retrier(int maxAttempts, Backoff backoff, Scheduler scheduler) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.scheduler = scheduler;
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or runs out of attempts. */
    <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> attempt) {
        CompletableFuture<T> result = new CompletableFuture<>();
        tryOnce(what, attempt, 1, result);
        return result;
    }

    private <T> void tryOnce(String what, Supplier<CompletableFuture<T>> attempt, int number,
                             CompletableFuture<T> result) {
        attempt.get().whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (!(cause instanceof EventBusClientException failure) || !failure.isRetryable()
                    || number >= maxAttempts) {
                result.completeExceptionally(cause);
                return;
            }
            Duration delay = delayAfter(failure, number);
            LOG.debug("{} failed on attempt {} of {} ({}); retrying in {} ms", what, number, maxAttempts,
                    failure.getMessage(), delay.toMillis());
            try {
                scheduler.schedule(() -> tryOnce(what, attempt, number + 1, result), delay);
            } catch (RejectedExecutionException closed) {
                result.completeExceptionally(new EventBusClientException("client_closed",
                        what + " was not retried: the client is closed (" + failure.getMessage() + ")", 0, false,
                        failure));
            }
        });
    }

    private Duration delayAfter(EventBusClientException failure, int failures) {
        Duration delay = backoff.delay(failures);
        if (failure instanceof RateLimitedException limited && limited.retryAfter().compareTo(delay) > 0) {
            return limited.retryAfter();
        }
        return delay;
    }
}

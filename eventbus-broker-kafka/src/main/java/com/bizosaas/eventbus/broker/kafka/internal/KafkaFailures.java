package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.UnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Wraps Kafka client failures into the bus's exceptions at the adapter edge: a message Kafka can
 * never take is a non-transient {@code broker_rejected}; everything else (timeouts, lost
 * connections, authentication) is an {@link UnavailableException}, which callers may retry.
 */
public final class KafkaFailures {
    private KafkaFailures() {
    }

    public static EventBusException translate(String what, Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof EventBusException bus) {
            return bus;
        }
        if (e instanceof RecordTooLargeException || e instanceof RecordBatchTooLargeException
                || e instanceof InvalidTopicException || e instanceof SerializationException) {
            return new EventBusException("broker_rejected", what + ": " + e.getMessage(), false, e);
        }
        return new UnavailableException(what + ": " + describe(e), e);
    }

    /** Waits for an admin call, translating its failure, timeout or an interrupt. */
    public static <T> T await(KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(what + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw translate(what, e);
        }
    }

    /** The innermost meaningful failure, for messages and type checks. */
    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    static String describe(Throwable e) {
        if (e instanceof TimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

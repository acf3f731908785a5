package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.UnavailableException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The messages of one {@code publish} call awaiting the broker's confirms: its future completes
 * when every message is confirmed, or fails on the first nack, return, lost channel or timeout.
 * Thread-safe.
 */
final class PublishBatch {
    private final CompletableFuture<Void> future = new CompletableFuture<>();
    private final AtomicInteger unconfirmed;
    private final String destination;
    private final long deadlineNanos;

    PublishBatch(int size, String destination, long deadlineNanos) {
        this.unconfirmed = new AtomicInteger(size);
        this.destination = destination;
        this.deadlineNanos = deadlineNanos;
    }

    CompletableFuture<Void> future() {
        return future;
    }

    /** Where the batch goes, for messages: {@code exchange 'x', routing key 'k'}. */
    String destination() {
        return destination;
    }

    boolean expiredAt(long nowNanos) {
        return nowNanos - deadlineNanos >= 0;
    }

    void confirmOne() {
        if (unconfirmed.decrementAndGet() == 0) {
            future.complete(null);
        }
    }

    void fail(UnavailableException failure) {
        future.completeExceptionally(failure);
    }
}

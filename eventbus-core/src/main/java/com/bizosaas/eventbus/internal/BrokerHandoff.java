package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.model.Event;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The publish pipeline's last step: gives stored events to the broker through the outbox relay
 * without waiting for its confirmation. At most {@link #MAX_UNCONFIRMED} events are in the
 * broker's hands unanswered; beyond that publishers wait, which is the bus's backpressure on a
 * slow broker. Thread-safe.
 */
final class BrokerHandoff {
    static final int MAX_UNCONFIRMED = 50_000;

    private final OutboxRelay relay;
    private final Semaphore unconfirmed = new Semaphore(MAX_UNCONFIRMED);

    BrokerHandoff(OutboxRelay relay) {
        this.relay = relay;
    }

    /** Scheduled events stay in the outbox until due: {@link ScheduledRelease} hands them over then. */
    void hand(List<Event> all) {
        List<Event> stored = ScheduledRelease.immediate(all);
        if (stored.isEmpty()) {
            return;
        }
        int permits = Math.min(stored.size(), MAX_UNCONFIRMED);
        unconfirmed.acquireUninterruptibly(permits);
        relay.send(stored).whenComplete((ok, error) -> unconfirmed.release(permits));
    }

    /** Waits up to {@code timeout} until every event handed over has the broker's answer. */
    void awaitAnswers(Duration timeout) throws InterruptedException {
        if (unconfirmed.tryAcquire(MAX_UNCONFIRMED, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            unconfirmed.release(MAX_UNCONFIRMED);
        }
    }
}

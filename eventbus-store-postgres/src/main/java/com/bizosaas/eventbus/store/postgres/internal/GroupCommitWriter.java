package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.spi.AppendResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers queue their appends and one writer thread stores everything that queued up
 * while the previous transaction ran, in a single transaction, then completes each caller. Under
 * load the number of transactions (and of position-counter locks and WAL flushes) stays low while
 * every caller still returns only after its own commit. Thread-safe.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Events per transaction: big enough to amortise a commit, small enough to keep latency low. */
    private static final int MAX_BATCH_EVENTS = 2_000;
    /** Beyond this many waiting appends, callers block: backpressure instead of unbounded memory. */
    private static final int MAX_QUEUED = 10_000;
    private static final long IDLE_POLL_MILLIS = 50;

    private final Transactions transactions;
    private final Clock clock;
    private final BlockingQueue<AppendRequest> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final Thread writer;
    private volatile boolean open = true;

    GroupCommitWriter(Transactions transactions, Clock clock, String threadName) {
        this.transactions = transactions;
        this.clock = clock;
        this.writer = new Thread(this::run, threadName);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Queues the request and waits for its commit. */
    List<AppendResult> append(AppendRequest request) {
        if (!open) {
            throw closed();
        }
        try {
            queue.put(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while waiting to append", e);
        }
        // Closed meanwhile: whoever removes the request from the queue completes it.
        if (!open && queue.remove(request)) {
            request.result().completeExceptionally(closed());
        }
        try {
            return request.result().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                    : new EventBusException("append_failed", "append failed", false, e.getCause());
        }
    }

    int queued() {
        return queue.size();
    }

    private void run() {
        while (open || !queue.isEmpty()) {
            List<AppendRequest> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
    }

    /** Waits for one request, then takes whatever else is already waiting, up to the batch limit. */
    private List<AppendRequest> nextBatch() throws InterruptedException {
        AppendRequest first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<AppendRequest> batch = new ArrayList<>();
        batch.add(first);
        int events = first.events().size();
        AppendRequest next;
        while (events < MAX_BATCH_EVENTS && (next = queue.poll()) != null) {
            batch.add(next);
            events += next.events().size();
        }
        return batch;
    }

    private void commit(List<AppendRequest> batch) {
        try {
            List<AppendBatch.Outcome> outcomes = transactions.asSystem("appending events",
                    handle -> AppendBatch.write(handle, batch, clock.instant()));
            for (int i = 0; i < batch.size(); i++) {
                AppendBatch.Outcome outcome = outcomes.get(i);
                if (outcome.error() == null) {
                    batch.get(i).result().complete(outcome.results());
                } else {
                    batch.get(i).result().completeExceptionally(outcome.error());
                }
            }
        } catch (EventBusException e) {
            if (batch.size() > 1 && !e.isTransient()) {
                // One request PostgreSQL refuses (say, data it cannot store) must not fail its neighbours.
                LOG.debug("Group commit of {} appends failed; retrying them one by one", batch.size(), e);
                batch.forEach(request -> commit(List.of(request)));
            } else {
                batch.forEach(request -> request.result().completeExceptionally(e));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("Group commit failed unexpectedly", e);
            EventBusException failure = PostgresErrors.translate("appending events", e);
            batch.forEach(request -> request.result().completeExceptionally(failure));
        }
    }

    /** Stops taking appends, stores those already queued, then stops the writer. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AppendRequest stranded;
        while ((stranded = queue.poll()) != null) {
            stranded.result().completeExceptionally(closed());
        }
    }

    private static UnavailableException closed() {
        return new UnavailableException("the PostgreSQL event store is closed", null);
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.spi.AppendResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: callers queue their appends; a writer thread stores everything that queued up in
 * one transaction and hands it to a committer thread, which moves the position counters, commits
 * and completes each caller. While one group commit commits, the writer already writes the next,
 * numbering its events after the previous one's (a {@link CounterMove} that finds a counter moved
 * meanwhile makes that group commit roll back and be written again, alone). Under load the number
 * of transactions (and WAL flushes) stays low while every caller still returns only after its own
 * commit. Thread-safe.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    /** Events per transaction: big enough to amortise a commit, small enough to keep latency low. */
    private static final int MAX_BATCH_EVENTS = 2_000;
    /** Beyond this many waiting appends, callers block: backpressure instead of unbounded memory. */
    private static final int MAX_QUEUED = 10_000;
    /** One group commit being written while the one before it commits. */
    private static final int MAX_IN_FLIGHT = 2;
    private static final long IDLE_POLL_MILLIS = 50;

    private final Transactions transactions;
    private final Clock clock;
    private final int maxInFlight;
    private final BlockingQueue<AppendRequest> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    /** Batches to write again, each with nothing else in flight; they go before new appends. */
    private final Queue<Batch> retries = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<Written> toCommit = new LinkedBlockingQueue<>();
    private final Semaphore slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set when a group commit failed after being written: later ones may have numbered their events after it. */
    private final AtomicBoolean positionsStale = new AtomicBoolean();
    /** Writer thread only: each tenant's last position once the group commits written so far commit. */
    private final Map<UUID, Long> knownPositions = new HashMap<>();
    private final Thread writer;
    private final Thread committer;
    private volatile boolean open = true;

    /**
     * @param connections how many pooled connections the writer may hold at once (two overlap)
     */
    GroupCommitWriter(Transactions transactions, Clock clock, int connections, String threadName) {
        this.transactions = transactions;
        this.clock = clock;
        this.maxInFlight = Math.min(MAX_IN_FLIGHT, connections);
        this.slots = new Semaphore(maxInFlight);
        this.writer = new Thread(this::writeLoop, threadName);
        this.committer = new Thread(this::commitLoop, threadName + "-commit");
        for (Thread t : List.of(writer, committer)) {
            t.setDaemon(true);
            t.start();
        }
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

    /** Group commits taken from the queue and not yet committed or failed. */
    int inFlight() {
        return inFlight.get();
    }

    private void writeLoop() {
        try {
            // In-flight first: a group commit ending may add retries just before it stops counting.
            while (inFlight.get() > 0 || open || !queue.isEmpty() || !retries.isEmpty()) {
                slots.acquire();
                Batch batch = nextBatch();
                if (batch == null) {
                    slots.release();
                } else {
                    inFlight.incrementAndGet();
                    write(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            toCommit.add(Written.STOP);
        }
    }

    /** A retry if any; else waits for one request, then takes whatever else is already waiting, up to the batch limit. */
    private Batch nextBatch() throws InterruptedException {
        Batch retry = retries.poll();
        if (retry != null) {
            return retry;
        }
        AppendRequest first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<AppendRequest> requests = new ArrayList<>();
        requests.add(first);
        int events = first.events().size();
        AppendRequest next;
        while (events < MAX_BATCH_EVENTS && (next = queue.poll()) != null) {
            requests.add(next);
            events += next.events().size();
        }
        return new Batch(requests, false);
    }

    /**
     * Writes the batch and hands it to the committer. A tenant new to this writer, or a retry, waits
     * until nothing else is in flight and reads (and locks) the counters: numbering after an
     * in-flight group commit that will not commit would only fail again.
     */
    private void write(Batch batch) throws InterruptedException {
        if (positionsStale.getAndSet(false)) {
            knownPositions.clear();
        }
        int permits = 1;
        if (batch.alone() || !knownPositions.keySet().containsAll(batch.tenants())) {
            slots.acquire(maxInFlight - 1);
            permits = maxInFlight;
            // Nothing in flight now: whatever failed before is over, and the counters are read afresh.
            positionsStale.set(false);
            knownPositions.clear();
        }
        Map<UUID, Long> startFrom = permits == maxInFlight ? Map.of() : knownPositions;
        OpenTransaction tx = null;
        try {
            tx = transactions.beginAsSystem("appending events");
            AppendBatch.Written written = tx.run(h -> AppendBatch.write(h, batch.requests(), clock.instant(),
                    startFrom));
            knownPositions.putAll(written.counters().to());
            toCommit.add(new Written(batch, tx, written, permits));
        } catch (RuntimeException | Error e) {
            if (tx != null) {
                tx.close();
            }
            knownPositions.clear();
            positionsStale.set(true);
            fail(batch, e);
            finish(permits);
        }
    }

    private void commitLoop() {
        while (true) {
            Written written;
            try {
                written = toCommit.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (written == Written.STOP) {
                return;
            }
            commit(written);
        }
    }

    private void commit(Written w) {
        try (OpenTransaction tx = w.transaction()) {
            if (!tx.run(h -> w.written().counters().apply(h))) {
                positionsStale.set(true);
                if (w.batch().alone()) {
                    throw new UnavailableException("a position counter moved while it was locked", null);
                }
                LOG.debug("A position counter moved under a group commit of {} appends; writing them again",
                        w.batch().requests().size());
                retries.add(new Batch(w.batch().requests(), true));
                return;
            }
            tx.commit();
            List<AppendRequest> requests = w.batch().requests();
            for (int i = 0; i < requests.size(); i++) {
                AppendBatch.Outcome outcome = w.written().outcomes().get(i);
                if (outcome.error() == null) {
                    requests.get(i).result().complete(outcome.results());
                } else {
                    requests.get(i).result().completeExceptionally(outcome.error());
                }
            }
        } catch (RuntimeException | Error e) {
            positionsStale.set(true);
            fail(w.batch(), e);
        } finally {
            finish(w.permits());
        }
    }

    /** One request PostgreSQL refuses (say, data it cannot store) must not fail its neighbours: they retry one by one. */
    private void fail(Batch batch, Throwable error) {
        if (!(error instanceof EventBusException)) {
            LOG.error("Group commit failed unexpectedly", error);
        }
        EventBusException failure = PostgresErrors.translate("appending events", error);
        if (batch.requests().size() > 1 && !failure.isTransient()) {
            LOG.debug("Group commit of {} appends failed; retrying them one by one", batch.requests().size(), failure);
            batch.requests().forEach(request -> retries.add(new Batch(List.of(request), true)));
        } else {
            batch.requests().forEach(request -> request.result().completeExceptionally(failure));
        }
    }

    private void finish(int permits) {
        inFlight.decrementAndGet();
        slots.release(permits);
    }

    /** Stops taking appends, stores those already queued, then stops the writer. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(30));
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        AppendRequest stranded;
        while ((stranded = queue.poll()) != null) {
            stranded.result().completeExceptionally(closed());
        }
        Batch retry;
        while ((retry = retries.poll()) != null) {
            retry.requests().forEach(request -> request.result().completeExceptionally(closed()));
        }
    }

    private static UnavailableException closed() {
        return new UnavailableException("the PostgreSQL event store is closed", null);
    }

    /**
     * @param alone written with nothing else in flight and the counters read and locked first, as a
     *              retry is, so that it cannot fail for a neighbour's sake again
     */
    private record Batch(List<AppendRequest> requests, boolean alone) {
        List<UUID> tenants() {
            List<UUID> tenants = new ArrayList<>();
            requests.forEach(r -> r.events().forEach(e -> tenants.add(e.tenantId())));
            return tenants;
        }
    }

    /** A written group commit waiting for its commit, holding {@code permits} in-flight slots. */
    private record Written(Batch batch, OpenTransaction transaction, AppendBatch.Written written, int permits) {
        static final Written STOP = new Written(null, null, null, 0);
    }
}

package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group. A poll thread owns the {@link Consumer}; the records each poll
 * returns for a partition go as one {@link PartitionBatch} to a pool of {@code spec.concurrency()}
 * handler threads, and the partition stays paused until that batch is done, so one partition (and
 * so one key) is handled in offset order while different partitions run in parallel.
 *
 * <p>Offsets are committed only up to the last record handled in order. A handler that throws
 * stops its batch; the partition is rewound to that record and retried after the backoff, so
 * nothing is skipped. A partition taken away by a rebalance first finishes the record in hand,
 * then its progress is committed; {@link #close()} commits what was handled and leaves the group
 * at once, so the records it had not handled go to another member. Thread-safe to close.
 */
public final class ConsumerMember implements BrokerSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerMember.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    /** Short while batches run, so a finished partition is committed and resumed promptly. */
    private static final Duration BUSY_POLL = Duration.ofMillis(5);

    private final Consumer<String, byte[]> consumer;
    private final ConsumerSpec spec;
    private final MessageHandler handler;
    private final String name;
    private final Duration retryBackoff;
    private final Duration operationTimeout;
    private final java.util.function.Consumer<ConsumerMember> onClosed;
    private final ExecutorService handlers;
    private final Thread poller;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    /** Poll thread only. */
    private final Map<TopicPartition, PartitionLane> lanes = new HashMap<>();
    /** Poll thread only: set once the member stops, so the close-time revocation commits nothing more. */
    private boolean leaving;
    /** Poll thread only: an asynchronous commit awaits its answer. */
    private boolean commitInFlight;
    private volatile boolean running = true;
    /** Set by {@link #readFromTheStart}; the poll thread rewinds on its next loop. */
    private volatile boolean rewind;
    private volatile Throwable failure;
    /** Records of the assigned partitions not fetched yet, as of the last poll (see {@link #unfetched()}). */
    private volatile long unfetched;

    private ConsumerMember(Consumer<String, byte[]> consumer, ConsumerSpec spec, MessageHandler handler, String name,
                           Duration retryBackoff, Duration operationTimeout,
                           java.util.function.Consumer<ConsumerMember> onClosed) {
        this.consumer = consumer;
        this.spec = spec;
        this.handler = handler;
        this.name = name;
        this.retryBackoff = retryBackoff;
        this.operationTimeout = operationTimeout;
        this.onClosed = onClosed;
        this.handlers = Executors.newFixedThreadPool(spec.concurrency(), threads(name + "-handler-"));
        this.poller = threads(name + "-poll-").newThread(this::pollUntilClosed);
    }

    /**
     * Starts a member and returns once it has taken part in its first rebalance, so that the group
     * knows it; throws {@link UnavailableException} if that does not happen within the timeout.
     *
     * @param onClosed run once the member has left the group
     */
    public static ConsumerMember join(Consumer<String, byte[]> consumer, ConsumerSpec spec, MessageHandler handler,
                                      String name, Duration retryBackoff, Duration operationTimeout,
                                      java.util.function.Consumer<ConsumerMember> onClosed) {
        ConsumerMember member = new ConsumerMember(consumer, spec, handler, name, retryBackoff, operationTimeout,
                onClosed);
        member.poller.start();
        try {
            member.joined.get(operationTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return member;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            member.close();
            throw new UnavailableException("Interrupted while joining Kafka consumer group " + spec.group(), e);
        } catch (ExecutionException | TimeoutException e) {
            member.close();
            throw KafkaFailures.translate("Could not join Kafka consumer group " + spec.group() + " on topic "
                    + spec.topic() + " within " + operationTimeout.toMillis() + " ms", e);
        }
    }

    /** Stops handing out records, commits what was handled and leaves the group; waits for the poll thread. */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() == poller) {
            return;
        }
        try {
            poller.join(operationTimeout.multipliedBy(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The topic was deleted and created again: every record in it now is new (what the engine
     * republishes), while this member's positions and progress count offsets of the old topic.
     * Positions kept would skip the new topic's first records, so the poll thread drops the lanes'
     * progress and reads each assigned partition again from its beginning. Thread-safe.
     */
    public void readFromTheStart() {
        rewind = true;
    }

    /** Why the member stopped on its own after joining (it no longer consumes), or {@code null}. */
    public Throwable failure() {
        return failure;
    }

    public String name() {
        return name;
    }

    public String group() {
        return spec.group();
    }

    /**
     * The member's lag: records of its partitions not fetched yet, from the log end offsets the
     * last fetches returned (no broker call). A batch in hand is not counted, its partition being
     * paused until it is handled.
     */
    public long unfetched() {
        return unfetched;
    }

    private long fetchLag() {
        long total = 0;
        for (TopicPartition partition : lanes.keySet()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total;
    }

    private void pollUntilClosed() {
        try {
            consumer.subscribe(List.of(spec.topic()), new Rebalance());
            while (running) {
                rewindIfAsked();
                settleFinishedBatches();
                resumeAfterBackoff();
                commitProgressAsync();
                ConsumerRecords<String, byte[]> records = consumer.poll(busy() ? BUSY_POLL : IDLE_POLL);
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> fetched = records.records(partition);
                    reportGap(lanes.get(partition), fetched);
                    start(lanes.get(partition), fetched);
                }
                unfetched = fetchLag();
            }
        } catch (RuntimeException | Error e) {
            if (!joined.completeExceptionally(e)) {
                failure = e; // it had joined, so its group is now a member short; join() reports the other case
            }
            LOG.error("Kafka consumer {} of group {} stopped and no longer receives messages", name, spec.group(), e);
        } finally {
            leave();
        }
    }

    /**
     * Stops the batches in hand (their records belong to the old topic: a handler busy with one
     * finishes it, which at-least-once allows) and starts every assigned partition afresh at offset 0,
     * with no progress to commit from before.
     */
    private void rewindIfAsked() {
        if (!rewind) {
            return;
        }
        rewind = false;
        List<TopicPartition> partitions = new ArrayList<>(lanes.keySet());
        for (TopicPartition partition : partitions) {
            PartitionLane old = lanes.put(partition, new PartitionLane(partition));
            if (old.batch != null) {
                old.batch.stop();
            }
        }
        consumer.seekToBeginning(partitions);
        consumer.resume(partitions);
        LOG.info("Kafka consumer {} reads {} again from the beginning: the topic was created again", name, partitions);
    }

    /** A fetch that starts past the expected offset skipped records the group never read: they are gone. */
    private void reportGap(PartitionLane lane, List<ConsumerRecord<String, byte[]>> records) {
        long first = records.get(0).offset();
        long expected = lane.expected;
        lane.expected = records.get(records.size() - 1).offset() + 1;
        if (expected == PartitionLane.NONE || first <= expected) {
            return;
        }
        String reason = "records " + expected + " to " + (first - 1) + " of Kafka partition " + lane.partition
                + " were removed (retention?) before group " + spec.group() + " read them";
        LOG.warn("{}; reporting the loss", reason);
        try {
            handler.messagesLost(reason);
        } catch (RuntimeException e) {
            LOG.error("The handler of group {} failed on a loss report ({})", spec.group(), reason, e);
        }
    }

    private void start(PartitionLane lane, List<ConsumerRecord<String, byte[]>> records) {
        consumer.pause(List.of(lane.partition));
        lane.batch = new PartitionBatch(records, lane.retryOffset, handler);
        lane.retryOffset = PartitionLane.NONE;
        handlers.execute(lane.batch);
    }

    private void settleFinishedBatches() {
        for (PartitionLane lane : lanes.values()) {
            if (lane.batch == null || !lane.batch.isDone()) {
                continue;
            }
            lane.absorbBatchProgress();
            if (lane.batch.failed()) {
                lane.retryOffset = lane.batch.nextOffset();
                lane.retryAtNanos = Math.max(System.nanoTime() + retryBackoff.toNanos(), 1);
                consumer.seek(lane.partition, lane.retryOffset);
            } else {
                consumer.resume(List.of(lane.partition));
            }
            lane.batch = null;
        }
    }

    private void resumeAfterBackoff() {
        long now = System.nanoTime();
        for (PartitionLane lane : lanes.values()) {
            if (lane.backingOff() && now - lane.retryAtNanos >= 0) {
                lane.retryAtNanos = 0;
                consumer.resume(List.of(lane.partition));
            }
        }
    }

    /**
     * Commits the progress of every lane, one request at a time: progress made meanwhile rides on
     * the next request, and a commit refused during a rebalance is simply sent again afterwards.
     */
    private void commitProgressAsync() {
        if (commitInFlight) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLane lane : lanes.values()) {
            if (lane.hasUncommittedProgress()) {
                offsets.put(lane.partition, new OffsetAndMetadata(lane.progress));
                lane.committed = lane.progress;
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        commitInFlight = true;
        consumer.commitAsync(offsets, (committed, error) -> {
            commitInFlight = false;
            if (error == null) {
                return;
            }
            // The callback runs on this poll thread: mark the lanes dirty so a later loop commits again.
            committed.forEach((partition, offset) -> {
                PartitionLane lane = lanes.get(partition);
                if (lane != null && lane.committed == offset.offset()) {
                    lane.committed = PartitionLane.NONE;
                }
            });
            if (error instanceof RetriableException || error instanceof RebalanceInProgressException) {
                LOG.debug("Kafka consumer {} will commit again: {}", name, error.toString());
            } else {
                THROTTLED.warn("commit:" + name, "Kafka consumer {} could not commit offsets {}; will try again",
                        name, committed, error);
            }
        });
    }

    private boolean busy() {
        for (PartitionLane lane : lanes.values()) {
            if (lane.batch != null || lane.backingOff()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Commits synchronously what the given lanes handled, so their next owner starts right after
     * it. Failures are logged: the next owner then sees those records again, which at-least-once allows.
     */
    private void commitProgressSync(Collection<PartitionLane> handedOver) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionLane lane : handedOver) {
            lane.absorbBatchProgress();
            if (lane.progress != PartitionLane.NONE) {
                offsets.put(lane.partition, new OffsetAndMetadata(lane.progress));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, operationTimeout);
        } catch (KafkaException e) {
            LOG.warn("Kafka consumer {} could not commit {} before handing the partitions over; their new owner"
                    + " will see those records again", name, offsets, e);
        }
    }

    private void leave() {
        leaving = true;
        lanes.values().forEach(lane -> {
            if (lane.batch != null) {
                lane.batch.stop();
            }
        });
        try {
            commitProgressSync(lanes.values());
            consumer.close(CloseOptions.timeout(operationTimeout)
                    .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        } catch (RuntimeException e) {
            LOG.warn("Kafka consumer {} did not close cleanly", name, e);
        } finally {
            lanes.clear();
            handlers.shutdown();
            joined.completeExceptionally(new IllegalStateException("closed before joining"));
            onClosed.accept(this);
        }
    }

    private List<PartitionLane> removeLanes(Collection<TopicPartition> partitions) {
        List<PartitionLane> removed = new ArrayList<>(partitions.size());
        for (TopicPartition partition : partitions) {
            PartitionLane lane = lanes.remove(partition);
            if (lane != null) {
                removed.add(lane);
                if (lane.batch != null) {
                    lane.batch.stop();
                }
            }
        }
        return removed;
    }

    private void awaitStoppedBatches(List<PartitionLane> handedOver) {
        long deadline = System.nanoTime() + operationTimeout.toNanos();
        for (PartitionLane lane : handedOver) {
            if (lane.batch == null) {
                continue;
            }
            try {
                lane.batch.done().get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                LOG.warn("Kafka consumer {}: handler still busy on {} after {} ms; handing the partition over"
                        + " with the record in hand uncommitted", name, lane.partition, operationTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException("a partition batch never fails its future", e);
            }
        }
    }

    /** Where each newly assigned partition should go on, so that a gap up to its first fetch shows. */
    private void expectCommittedOffsets(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            consumer.committed(new HashSet<>(partitions), operationTimeout).forEach((partition, offset) -> {
                if (offset != null) {
                    lanes.get(partition).expected = offset.offset();
                }
            });
        } catch (KafkaException e) {
            // Without the committed offsets a gap before the first fetch goes unnoticed; the fetches after it do not.
            LOG.debug("Kafka consumer {} could not read the committed offsets of {}: {}", name, partitions,
                    e.toString());
        }
    }

    /** Runs inside {@code poll()} on the poll thread. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> lanes.put(p, new PartitionLane(p)));
            expectCommittedOffsets(partitions);
            LOG.debug("Kafka consumer {} was assigned {}", name, partitions);
            joined.complete(null);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (leaving || partitions.isEmpty()) {
                return;
            }
            List<PartitionLane> handedOver = removeLanes(partitions);
            awaitStoppedBatches(handedOver);
            commitProgressSync(handedOver);
            LOG.debug("Kafka consumer {} handed over {}", name, partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Already owned by others: committing now would be refused, the new owner redelivers.
            removeLanes(partitions);
            LOG.info("Kafka consumer {} lost {} without handing them over", name, partitions);
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

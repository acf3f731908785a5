package com.bizosaas.eventbus.broker.kafka.internal;

import org.apache.kafka.common.TopicPartition;

/**
 * What a consumer member knows about one assigned partition. Confined to the member's poll thread.
 *
 * <p>Kafka gives the ordering itself: one key's records live in one partition, and a partition is
 * handled one batch at a time (paused while its batch runs), so the member needs no
 * {@link com.bizosaas.eventbus.ordering.KeyedExecutor}; this class only keeps the partition's
 * offsets (progress, commits, gaps, retries).
 */
final class PartitionLane {
    static final long NONE = -1;

    final TopicPartition partition;
    /** The batch being handled; the partition is paused while it is set. */
    PartitionBatch batch;
    /** Offset after the last record handled in order, or {@link #NONE}. */
    long progress = NONE;
    /**
     * The offset the next record fetched should have (the committed one at assignment, then the
     * one after the last fetched), or {@link #NONE}: a later one means records were removed, by
     * retention or {@code deleteRecords}, before the group read them.
     */
    long expected = NONE;
    /** Last offset handed to a commit, or {@link #NONE}. */
    long committed = NONE;
    /** The offset whose handler failed and that is delivered again next, or {@link #NONE}. */
    long retryOffset = NONE;
    /** While non-zero the partition is paused for the retry backoff, until this {@link System#nanoTime()}. */
    long retryAtNanos;

    PartitionLane(TopicPartition partition) {
        this.partition = partition;
    }

    /** Folds in the progress of the current batch (also while it still runs: handled records stay handled). */
    void absorbBatchProgress() {
        if (batch != null) {
            progress = Math.max(progress, batch.nextOffset());
        }
    }

    boolean hasUncommittedProgress() {
        return progress > committed;
    }

    boolean backingOff() {
        return retryAtNanos != 0;
    }
}

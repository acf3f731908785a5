package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records of one partition from one poll, handled in offset order on a worker thread. It
 * stops at the first record whose handler throws (later records must not overtake it) or when
 * {@link #stop()} is called, and reports how far it got through {@link #nextOffset()}.
 */
final class PartitionBatch implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionBatch.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);

    private final List<ConsumerRecord<String, byte[]>> records;
    private final long redeliveredOffset;
    private final MessageHandler handler;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile long nextOffset;
    private volatile boolean failed;
    private volatile boolean stopped;

    /**
     * @param redeliveredOffset the offset whose handler threw before in this member, or -1; that
     *                          record is marked redelivered
     */
    PartitionBatch(List<ConsumerRecord<String, byte[]>> records, long redeliveredOffset, MessageHandler handler) {
        this.records = records;
        this.redeliveredOffset = redeliveredOffset;
        this.handler = handler;
        this.nextOffset = records.get(0).offset();
    }

    @Override
    public void run() {
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (stopped) {
                    return;
                }
                try {
                    handler.handle(RecordMapping.toMessage(record, record.offset() == redeliveredOffset));
                } catch (Exception | Error e) {
                    // Errors too (a failed assertion in a test handler): a record is only passed once handled.
                    failed = true;
                    THROTTLED.warn("handler:" + record.topic(), "Handler failed for {}-{} at offset {}; it will be retried",
                            record.topic(), record.partition(), record.offset(), e);
                    return;
                }
                nextOffset = record.offset() + 1;
            }
        } finally {
            done.complete(null);
        }
    }

    /** Asks the batch to stop before its next record; the record being handled finishes. */
    void stop() {
        stopped = true;
    }

    boolean isDone() {
        return done.isDone();
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** True when it stopped because a handler threw at {@link #nextOffset()}. */
    boolean failed() {
        return failed;
    }

    /** The offset after the last record handled successfully: what may be committed. */
    long nextOffset() {
        return nextOffset;
    }
}

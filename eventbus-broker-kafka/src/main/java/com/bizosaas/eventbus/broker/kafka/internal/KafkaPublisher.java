package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes batches through one shared idempotent producer: every record of a batch is handed to
 * the producer at once (it batches and lingers across callers), and the batch's future completes
 * when the last acknowledgement arrives. There is no flush per call. Thread-safe.
 */
public final class KafkaPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);

    private final Supplier<Producer<String, byte[]>> producers;
    private final TopicProvisioner topics;
    private final Duration closeTimeout;
    private volatile Producer<String, byte[]> producer;

    /** {@code producers} makes the producer, and a new one each time {@link #renewProducer} is called. */
    public KafkaPublisher(Supplier<Producer<String, byte[]>> producers, TopicProvisioner topics, Duration closeTimeout) {
        this.producers = producers;
        this.topics = topics;
        this.closeTimeout = closeTimeout;
        this.producer = producers.get();
    }

    /**
     * Replaces the producer after a topic was deleted and created again: the Kafka producer keeps
     * waiting for a leader of the old topic's partitions. What the old one still held fails, and
     * the outbox relay publishes it again.
     */
    public synchronized void renewProducer() {
        // Closed first, so the new one can take its client id; a publish in between fails and is retried.
        producer.close(Duration.ZERO);
        producer = producers.get();
        LOG.info("Replaced the Kafka producer after a topic was created again");
    }

    /** Completes when Kafka acknowledged every message (acks=all); fails on the first one it did not take. */
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        BatchAcknowledgement acks = new BatchAcknowledgement(messages.size(), destination.topic());
        Producer<String, byte[]> producer = this.producer;
        try {
            topics.ensure(destination.topic());
            for (BrokerMessage message : messages) {
                producer.send(RecordMapping.toRecord(destination, message), acks);
            }
        } catch (RuntimeException e) {
            // send() throws when it cannot even queue the record (no metadata, buffer full past max.block.ms).
            acks.fail(e);
        }
        return acks.done;
    }

    /** Sends what is still buffered, waiting at most the operation timeout. */
    @Override
    public synchronized void close() {
        producer.close(closeTimeout);
    }

    private static final class BatchAcknowledgement implements Callback {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final AtomicInteger outstanding;
        private final String topic;

        BatchAcknowledgement(int size, String topic) {
            this.outstanding = new AtomicInteger(size);
            this.topic = topic;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                fail(exception);
            } else if (outstanding.decrementAndGet() == 0) {
                done.complete(null);
            }
        }

        void fail(Exception e) {
            done.completeExceptionally(KafkaFailures.translate("Kafka did not accept a message for topic " + topic, e));
        }
    }
}

package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;

/**
 * One publisher channel in confirm mode. Each published message is remembered under its sequence
 * number until the broker's asynchronous ack (confirms one), nack, or return (unroutable under the
 * mandatory flag) settles its batch; losing the channel fails everything outstanding. Publishing
 * is serialized per channel, which keeps the order of what one channel carries. Thread-safe.
 */
final class ConfirmingChannel implements AutoCloseable {
    private final Runnable onChannelError;
    private Connection connection; // guarded by this
    private final ConcurrentNavigableMap<Long, PublishBatch> outstanding = new ConcurrentSkipListMap<>();
    private Channel channel; // guarded by this
    private volatile boolean broken;

    /** {@code onChannelError} runs when the broker closes the channel over an error (say, a deleted exchange). */
    ConfirmingChannel(Connection connection, Runnable onChannelError) {
        this.connection = connection;
        this.onChannelError = onChannelError;
    }

    /**
     * Publishes on {@code fresh} from now on: the next publish opens a new channel there. The
     * caller has aborted the old connection, which failed what was outstanding on it.
     */
    synchronized void moveTo(Connection fresh) {
        connection = fresh;
        channel = null;
        broken = false;
    }

    /** Publishes {@code messages} in order; failures (now or later) settle {@code batch}, never throw. */
    synchronized void publish(String exchange, String routingKey, List<BrokerMessage> messages, PublishBatch batch) {
        Channel ch;
        try {
            ch = open();
        } catch (UnavailableException e) {
            batch.fail(e);
            return;
        } catch (IOException | RuntimeException e) {
            batch.fail(AmqpFailures.unavailable("open a publisher channel", e));
            return;
        }
        for (BrokerMessage message : messages) {
            long sequence = ch.getNextPublishSeqNo();
            PublishBatch stale = outstanding.put(sequence, batch);
            if (stale != null) {
                stale.fail(new UnavailableException("RabbitMQ never confirmed a message for " + stale.destination()
                        + " before its channel was recovered", null));
            }
            try {
                ch.basicPublish(exchange, routingKey, true, AmqpMessages.properties(message, sequence),
                        message.payload());
            } catch (IOException | RuntimeException e) {
                outstanding.remove(sequence);
                batch.fail(AmqpFailures.unavailable("publish to " + batch.destination(), e));
                return;
            }
        }
    }

    /** Fails the batches whose confirm is overdue; the oldest sequence numbers come first. */
    void failExpired(long nowNanos) {
        Map.Entry<Long, PublishBatch> oldest;
        while ((oldest = outstanding.firstEntry()) != null && oldest.getValue().expiredAt(nowNanos)) {
            if (outstanding.remove(oldest.getKey()) != null) {
                oldest.getValue().fail(new UnavailableException("RabbitMQ did not confirm a message for "
                        + oldest.getValue().destination() + " in time", null));
            }
        }
    }

    /** Waits a little for outstanding confirms, then closes; what is still unconfirmed fails. */
    @Override
    public synchronized void close() {
        if (channel == null || !channel.isOpen()) {
            return;
        }
        try {
            channel.waitForConfirms(5_000);
            channel.close();
        } catch (IOException | TimeoutException | RuntimeException e) {
            failAll("the adapter closed before RabbitMQ confirmed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failAll("the adapter closed before RabbitMQ confirmed", e);
        }
    }

    private Channel open() throws IOException {
        if (channel != null && !broken) {
            if (!channel.isOpen()) {
                // Closed with its connection: automatic recovery brings this very channel back.
                throw new UnavailableException("RabbitMQ connection is down; reconnecting", null);
            }
            return channel;
        }
        Channel fresh = connection.createChannel();
        fresh.confirmSelect();
        fresh.addConfirmListener((sequence, multiple) -> settle(sequence, multiple, true),
                (sequence, multiple) -> settle(sequence, multiple, false));
        fresh.addReturnListener(this::returned);
        fresh.addShutdownListener(this::lost);
        channel = fresh;
        broken = false;
        return fresh;
    }

    private void settle(long sequence, boolean multiple, boolean ack) {
        Iterable<Long> sequences = multiple ? outstanding.headMap(sequence, true).keySet() : List.of(sequence);
        for (Long settled : sequences) {
            PublishBatch batch = outstanding.remove(settled);
            if (batch == null) {
                continue;
            }
            if (ack) {
                batch.confirmOne();
            } else {
                batch.fail(new UnavailableException("RabbitMQ refused (nack) a message for " + batch.destination(),
                        null));
            }
        }
    }

    /** RabbitMQ sends a return before the ack of the same message, so the ack then finds nothing. */
    private void returned(Return returned) {
        PublishBatch batch = outstanding.remove(AmqpMessages.sequence(returned.getProperties()));
        if (batch != null) {
            batch.fail(new UnavailableException("RabbitMQ could not route a message for " + batch.destination()
                    + " to any queue (" + returned.getReplyCode() + " " + returned.getReplyText()
                    + "): no consumer group is bound to that routing key", null));
        }
    }

    private void lost(ShutdownSignalException cause) {
        if (!cause.isHardError() && !cause.isInitiatedByApplication()) {
            // A channel-level error: this channel will not be recovered, so the next publish opens another.
            broken = true;
            onChannelError.run();
        }
        failAll("the publisher channel closed before RabbitMQ confirmed", cause);
    }

    private void failAll(String why, Throwable cause) {
        Map.Entry<Long, PublishBatch> entry;
        while ((entry = outstanding.pollFirstEntry()) != null) {
            entry.getValue().fail(new UnavailableException(why + " a message for " + entry.getValue().destination()
                    + ": " + AmqpFailures.reason(cause), cause));
        }
    }
}

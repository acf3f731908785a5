package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import com.bizosaas.eventbus.ordering.KeyedExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group: its own channel consuming the group's queue with a prefetch
 * limit and manual acknowledgement. A delivery is acknowledged after the handler returns and
 * requeued ({@code basic.nack}) when it throws; closing the channel leaves in-flight deliveries
 * unacknowledged, so RabbitMQ hands them to another member. Handlers run on per-key lanes. A queue
 * deleted under the member (RabbitMQ cancels its consumer) took its messages with it: the member
 * declares the queue again, consumes it again and reports the loss to the handler. Thread-safe.
 */
public final class GroupMember implements BrokerSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final ConsumerSpec spec;
    private final String queue;
    private final MessageHandler handler;
    private final Consumer<GroupMember> onClose;
    private final Runnable recreate;
    private final Channel channel;
    private final KeyedExecutor lanes;
    private volatile boolean closed;
    private volatile String lostReason;

    private GroupMember(ConsumerSpec spec, String queue, MessageHandler handler, Consumer<GroupMember> onClose,
                        Runnable recreate, Channel channel, int prefetch) {
        this.spec = spec;
        this.queue = queue;
        this.handler = handler;
        this.onClose = onClose;
        this.recreate = recreate;
        this.channel = channel;
        // The prefetch bounds what RabbitMQ hands over; twice it leaves room for deliveries of a
        // recovered channel arriving while the lost channel's ones still drain.
        this.lanes = KeyedExecutor.withThreads("eventbus-rabbitmq-" + spec.group(), spec.concurrency(),
                2 * Math.max(1, prefetch));
    }

    /**
     * Opens a channel on {@code connection} and starts consuming {@code queue}; {@code onClose}
     * receives the member once it is closed, {@code recreate} declares the queue and its
     * bindings again after it was deleted (and makes publishing safe for the new queue), and {@code liveQueue} (if not null) is the
     * {@link GroupOwnership} queue the member consumes while it lives.
     */
    public static GroupMember join(Connection connection, String queue, ConsumerSpec spec, int prefetch,
                                   MessageHandler handler, Consumer<GroupMember> onClose, Runnable recreate,
                                   String liveQueue) {
        Channel channel = null;
        try {
            channel = connection.createChannel();
            channel.basicQos(prefetch);
            GroupMember member = new GroupMember(spec, queue, handler, onClose, recreate, channel, prefetch);
            channel.addShutdownListener(member::lost);
            member.consume();
            if (liveQueue != null) {
                // No message ever arrives there: the consumer only keeps the deployment's liveness queue alive.
                channel.basicConsume(liveQueue, true, new DefaultConsumer(channel));
            }
            return member;
        } catch (IOException | RuntimeException e) {
            abort(channel);
            throw AmqpFailures.unavailable("consume queue " + queue + " for group " + spec.group(), e);
        }
    }

    private void consume() throws IOException {
        channel.basicConsume(queue, false, new Deliveries(channel));
    }

    /**
     * The queue was deleted with whatever it held: declare and consume it again first, so that what
     * the handler's owner publishes again on hearing of the loss has a queue to land in.
     */
    private void queueDeleted() {
        if (closed) {
            return;
        }
        String reason = "RabbitMQ queue " + queue + " of group " + spec.group() + " was deleted with the messages"
                + " it held";
        try {
            recreate.run();
            consume();
        } catch (IOException | RuntimeException e) {
            lostReason = reason + "; declaring and consuming it again failed: " + e;
            LOG.error("The queue {} of group {} was deleted and could not be consumed again; the member stopped",
                    queue, spec.group(), e);
            return;
        }
        LOG.warn("The queue {} of group {} was deleted under its consumer; declared it again and resumed consuming",
                queue, spec.group());
        reportLoss(reason);
    }

    /**
     * The queue was gone when the connection came back, and automatic recovery declared it again
     * empty: whatever it held is lost. Publishing is made safe for the new queue first.
     */
    void queueLostWhileDisconnected() {
        if (closed) {
            return;
        }
        String reason = "RabbitMQ queue " + queue + " of group " + spec.group() + " was gone when the connection"
                + " came back (the broker restarted without it, or it was deleted meanwhile) with the messages it held";
        try {
            recreate.run();
        } catch (RuntimeException e) {
            LOG.warn("Preparing publishing for the queue {} declared again failed; reporting the loss anyway: {}",
                    queue, e.toString());
        }
        LOG.warn("The queue {} of group {} was lost while the connection was down; recovery declared it again",
                queue, spec.group());
        reportLoss(reason);
    }

    private void reportLoss(String reason) {
        try {
            handler.messagesLost(reason);
        } catch (RuntimeException e) {
            LOG.error("The handler of group {} failed on a loss report ({})", spec.group(), reason, e);
        }
    }

    /** The group queue this member consumes. */
    public String queue() {
        return queue;
    }

    /**
     * Why RabbitMQ took this member's channel away for good (it is not recovered), or {@code null}
     * while the member consumes or is reconnecting with its connection.
     */
    public String lostReason() {
        return lostReason;
    }

    public ConsumerSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Closing without acknowledging is the point: RabbitMQ requeues what this member held.
        abort(channel);
        lanes.shutdownNow();
        try {
            if (!lanes.awaitTermination(Duration.ofMillis(CLOSE_WAIT_MILLIS))) {
                LOG.warn("A handler of group {} on queue {} did not stop within {} ms of closing", spec.group(),
                        queue, CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        onClose.accept(this);
    }

    private static void abort(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.abort();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing a consumer channel failed; RabbitMQ drops it with the connection: {}", e.toString());
        }
    }

    private void handle(ReceivedMessage message, long deliveryTag) {
        if (closed) {
            return;
        }
        try {
            handler.handle(message);
        } catch (Exception | AssertionError e) {
            if (closed) {
                return; // interrupted by close(): the message is requeued with the channel
            }
            THROTTLED.warn("handler:" + spec.group(),
                    "Handler of group {} failed on a message with routing key {} (redelivered: {}); requeueing it",
                    spec.group(), message.routingKey(), message.redelivered(), e);
            settle(deliveryTag, false);
            return;
        }
        settle(deliveryTag, true);
    }

    private void settle(long deliveryTag, boolean ack) {
        if (closed) {
            return;
        }
        try {
            if (ack) {
                channel.basicAck(deliveryTag, false);
            } else {
                channel.basicNack(deliveryTag, false, true);
            }
        } catch (IOException | RuntimeException e) {
            // The channel is gone; RabbitMQ redelivers everything this member did not settle.
            LOG.debug("Could not settle delivery {} of group {}: {}", deliveryTag, spec.group(), e.toString());
        }
    }

    private void lost(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication()) {
            return;
        }
        if (cause.isHardError()) {
            LOG.warn("Group {} lost its connection to RabbitMQ; it resumes consuming once reconnected: {}",
                    spec.group(), cause.getMessage());
        } else {
            lostReason = cause.getMessage();
            LOG.error("RabbitMQ closed the channel of a member of group {} on queue {}; the member stopped: {}",
                    spec.group(), queue, cause.getMessage());
        }
    }

    /** Hands deliveries to the lanes; runs on amqp-client's dispatch thread for this channel. */
    private final class Deliveries extends DefaultConsumer {
        Deliveries(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
                                   byte[] body) {
            ReceivedMessage message = AmqpMessages.received(spec.topic(), envelope, properties, body);
            try {
                lanes.execute(message.key(), () -> handle(message, envelope.getDeliveryTag()));
            } catch (RejectedExecutionException e) {
                // Closing: the delivery stays unacknowledged and is requeued with the channel.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // amqp-client is stopping this consumer; RabbitMQ requeues
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            // RabbitMQ cancels a consumer only when its queue is deleted (or, for a quorum queue, lost).
            queueDeleted();
        }
    }
}

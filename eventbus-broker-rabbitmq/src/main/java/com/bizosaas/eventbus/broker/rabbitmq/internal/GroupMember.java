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
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group: its own channel consuming the group's queue with a prefetch
 * limit and manual acknowledgement. A delivery is acknowledged after the handler returns and
 * requeued ({@code basic.nack}) when it throws; closing the channel leaves in-flight deliveries
 * unacknowledged, so RabbitMQ hands them to another member. Handlers run on per-key lanes.
 * Thread-safe.
 */
public final class GroupMember implements BrokerSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final ConsumerSpec spec;
    private final String queue;
    private final MessageHandler handler;
    private final Consumer<GroupMember> onClose;
    private final Channel channel;
    private final KeyedLanes lanes;
    private volatile boolean closed;
    private volatile String lostReason;

    private GroupMember(ConsumerSpec spec, String queue, MessageHandler handler, Consumer<GroupMember> onClose,
                        Channel channel) {
        this.spec = spec;
        this.queue = queue;
        this.handler = handler;
        this.onClose = onClose;
        this.channel = channel;
        this.lanes = new KeyedLanes(spec.concurrency(), "eventbus-rabbitmq-" + spec.group());
    }

    /**
     * Opens a channel on {@code connection} and starts consuming {@code queue}; {@code onClose}
     * receives the member once it is closed.
     */
    public static GroupMember join(Connection connection, String queue, ConsumerSpec spec, int prefetch,
                                   MessageHandler handler, Consumer<GroupMember> onClose) {
        Channel channel = null;
        try {
            channel = connection.createChannel();
            channel.basicQos(prefetch);
            GroupMember member = new GroupMember(spec, queue, handler, onClose, channel);
            channel.addShutdownListener(member::lost);
            channel.basicConsume(queue, false, member.new Deliveries(channel));
            return member;
        } catch (IOException | RuntimeException e) {
            abort(channel);
            throw AmqpFailures.unavailable("consume queue " + queue + " for group " + spec.group(), e);
        }
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
        lanes.close();
        try {
            if (!lanes.awaitTermination(CLOSE_WAIT_MILLIS)) {
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
                lanes.submit(message.key(), () -> handle(message, envelope.getDeliveryTag()));
            } catch (RejectedExecutionException e) {
                // Closing: the delivery stays unacknowledged and is requeued with the channel.
            }
        }

        @Override
        public void handleCancel(String consumerTag) {
            lostReason = "RabbitMQ cancelled the consumer (queue " + queue + " deleted?)";
            LOG.error("RabbitMQ cancelled the consumer of group {} on queue {}; the member stopped", spec.group(),
                    queue);
        }
    }
}

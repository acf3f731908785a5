package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Declares exchanges, queues and bindings on one long-lived channel, so that automatic topology
 * recovery can declare them again after a reconnect. Declarations are idempotent; a topic's
 * exchange is declared once per process (see {@link #forgetExchanges()}). Thread-safe.
 */
public final class Topology implements AutoCloseable {
    private final Connection connection;
    private final TopologyNames names;
    private final int deliveryLimit;
    private final Set<String> declaredExchanges = ConcurrentHashMap.newKeySet();
    private Channel channel; // guarded by this

    public Topology(Connection connection, TopologyNames names, int deliveryLimit) {
        this.connection = connection;
        this.names = names;
        this.deliveryLimit = deliveryLimit;
    }

    public TopologyNames names() {
        return names;
    }

    /** Declares the topic's durable topic exchange unless this process already did; returns its name. */
    public String ensureExchange(String topic) {
        String exchange = names.exchange(topic);
        if (!declaredExchanges.contains(exchange)) {
            declare("declare exchange " + exchange,
                    ch -> ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true));
            declaredExchanges.add(exchange);
        }
        return exchange;
    }

    /**
     * Declares the group's durable quorum queue, bound to the topic exchange by
     * {@code spec.bindingPattern()}, with its dead-letter exchange and queue; returns the queue's name.
     * Bindings add up: a member joining with another pattern widens what the whole group receives.
     */
    public String ensureGroupQueue(ConsumerSpec spec) {
        String exchange = ensureExchange(spec.topic());
        String queue = names.queue(spec.topic(), spec.group());
        String deadLetterExchange = names.deadLetterExchange(spec.topic());
        String deadLetterQueue = names.deadLetterQueue(spec.topic(), spec.group());
        declare("declare queue " + queue + " bound to " + exchange + " by '" + spec.bindingPattern() + "'", ch -> {
            ch.exchangeDeclare(deadLetterExchange, BuiltinExchangeType.DIRECT, true);
            ch.queueDeclare(deadLetterQueue, true, false, false, Map.of("x-queue-type", "quorum"));
            ch.queueBind(deadLetterQueue, deadLetterExchange, queue);
            ch.queueDeclare(queue, true, false, false, Map.of(
                    "x-queue-type", "quorum",
                    "x-delivery-limit", deliveryLimit,
                    "x-dead-letter-exchange", deadLetterExchange,
                    "x-dead-letter-routing-key", queue,
                    // At-least-once dead-lettering keeps a message until the dead-letter queue confirms
                    // it; RabbitMQ requires reject-publish overflow for it.
                    "x-dead-letter-strategy", "at-least-once",
                    "x-overflow", "reject-publish"));
            ch.queueBind(queue, exchange, spec.bindingPattern());
        });
        return queue;
    }

    /**
     * Messages ready in {@code queue} (not counting those delivered and not yet acknowledged): the
     * group's lag as far as AMQP can tell. Throws {@code UnavailableException} when the queue is
     * gone or the broker cannot answer.
     */
    public long readyMessages(String queue) {
        long[] count = new long[1];
        declare("look at queue " + queue, ch -> count[0] = ch.queueDeclarePassive(queue).getMessageCount());
        return count[0];
    }

    /** Makes the next publish declare its exchange again, after a channel error suggested it is gone. */
    public void forgetExchanges() {
        declaredExchanges.clear();
    }

    @Override
    public synchronized void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | RuntimeException | TimeoutException e) {
                // The connection is closed right after; nothing is lost.
            }
        }
    }

    private synchronized void declare(String action, Declaration declaration) {
        try {
            // A channel closed by a refused declaration is not recovered; a fresh one replaces it.
            if (channel == null || !channel.isOpen()) {
                channel = connection.createChannel();
            }
            declaration.run(channel);
        } catch (IOException | RuntimeException e) {
            throw AmqpFailures.unavailable(action, e);
        }
    }

    @FunctionalInterface
    private interface Declaration {
        void run(Channel channel) throws IOException;
    }
}

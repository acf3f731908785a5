package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.rabbitmq.client.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spreads publishes over a few {@link ConfirmingChannel}s on the publishing connection. A message
 * goes to the channel its key hashes to, so equal keys always share a channel and keep their order;
 * keyless messages of one batch share a channel picked in turn. Publishes fail fast while RabbitMQ
 * blocks the connection (a resource alarm), and fail once their confirm is overdue. Thread-safe.
 */
public final class PublisherPool implements AutoCloseable {
    private final ConfirmingChannel[] channels;
    private final long confirmTimeoutNanos;
    private final AtomicInteger nextKeyless = new AtomicInteger();
    private final ScheduledExecutorService overdueSweeper;
    private volatile String blockedReason;

    public PublisherPool(Connection connection, int size, Duration confirmTimeout, Runnable onChannelError) {
        this.channels = new ConfirmingChannel[size];
        for (int i = 0; i < size; i++) {
            channels[i] = new ConfirmingChannel(connection, onChannelError);
        }
        this.confirmTimeoutNanos = confirmTimeout.toNanos();
        connection.addBlockedListener(reason -> blockedReason = reason, () -> blockedReason = null);
        this.overdueSweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eventbus-rabbitmq-confirm-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = Math.max(10, Math.min(1_000, confirmTimeout.toMillis() / 4));
        overdueSweeper.scheduleWithFixedDelay(this::failOverdue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** Why RabbitMQ blocks publishing right now, or {@code null} when it does not. */
    public String blockedReason() {
        return blockedReason;
    }

    /** Publishes with {@code mandatory} set; the future completes when RabbitMQ confirmed every message. */
    public CompletableFuture<Void> publish(String exchange, String routingKey, List<BrokerMessage> messages) {
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String destination = "exchange '" + exchange + "', routing key '" + routingKey + "'";
        String blocked = blockedReason;
        if (blocked != null) {
            return CompletableFuture.failedFuture(new UnavailableException(
                    "RabbitMQ blocks publishing (" + blocked + "); nothing was sent to " + destination, null));
        }
        PublishBatch batch = new PublishBatch(messages.size(), destination, System.nanoTime() + confirmTimeoutNanos);
        if (channels.length == 1) {
            channels[0].publish(exchange, routingKey, messages, batch);
            return batch.future();
        }
        List<List<BrokerMessage>> byChannel = split(messages);
        for (int i = 0; i < channels.length && !batch.future().isDone(); i++) {
            if (!byChannel.get(i).isEmpty()) {
                channels[i].publish(exchange, routingKey, byChannel.get(i), batch);
            }
        }
        return batch.future();
    }

    @Override
    public void close() {
        overdueSweeper.shutdownNow();
        for (ConfirmingChannel channel : channels) {
            channel.close();
        }
    }

    private List<List<BrokerMessage>> split(List<BrokerMessage> messages) {
        List<List<BrokerMessage>> byChannel = new ArrayList<>(channels.length);
        for (int i = 0; i < channels.length; i++) {
            byChannel.add(new ArrayList<>());
        }
        int keyless = Math.floorMod(nextKeyless.getAndIncrement(), channels.length);
        for (BrokerMessage message : messages) {
            int index = message.key() == null ? keyless : Math.floorMod(message.key().hashCode(), channels.length);
            byChannel.get(index).add(message);
        }
        return byChannel;
    }

    private void failOverdue() {
        long now = System.nanoTime();
        for (ConfirmingChannel channel : channels) {
            channel.failExpired(now);
        }
    }
}

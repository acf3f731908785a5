package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Spreads publishes over a few {@link ConfirmingChannel}s on the publishing connection. A message
 * goes to the channel its key hashes to, so equal keys always share a channel and keep their order;
 * keyless messages of one batch share a channel picked in turn. Publishes fail fast while RabbitMQ
 * blocks the connection (a resource alarm), and fail once their confirm is overdue.
 *
 * <p>After a group queue was lost, {@link #renewConnection()} moves publishing to a new connection.
 * Seen on RabbitMQ 3.10: once a quorum queue was deleted while a channel was publishing to it, that
 * connection confirmed nothing more, also after the queue was declared again (RabbitMqLossIT, 1 run
 * in 2 before this). The likely cause, from RabbitMQ's source: a channel keeps per queue its
 * enqueuer state (sequence numbers) with the queue's Raft server, whose name comes from the queue's
 * name, so the re-declared queue is addressed with the old queue's sequence and refuses it as out
 * of sequence, or the channel blocks in a call to the server being deleted; either way the channel
 * stops taking frames and the connection's other channels stall behind it. A new connection has
 * new channels with no such state. Thread-safe.
 */
public final class PublisherPool implements AutoCloseable {
    private static final int ABORT_TIMEOUT_MILLIS = 5_000;
    /** Channels wait up to 5 s for confirms when closing; beyond this the connection is aborted. */
    private static final long CHANNEL_CLOSE_GRACE_MILLIS = 10_000;
    private final ConfirmingChannel[] channels;
    private final long confirmTimeoutNanos;
    private final AtomicInteger nextKeyless = new AtomicInteger();
    private final ScheduledExecutorService overdueSweeper;
    private final Supplier<Connection> connector;
    private volatile Connection connection;
    private volatile String blockedReason;

    /** {@code connector} opens a new publishing connection (and throws when it cannot). */
    public PublisherPool(Supplier<Connection> connector, int size, Duration confirmTimeout, Runnable onChannelError) {
        this.connector = connector;
        this.connection = connector.get();
        this.channels = new ConfirmingChannel[size];
        for (int i = 0; i < size; i++) {
            channels[i] = new ConfirmingChannel(connection, onChannelError);
        }
        this.confirmTimeoutNanos = confirmTimeout.toNanos();
        watchBlocked(connection);
        this.overdueSweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "eventbus-rabbitmq-confirm-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = Math.max(10, Math.min(1_000, confirmTimeout.toMillis() / 4));
        overdueSweeper.scheduleWithFixedDelay(this::failOverdue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** The connection publishing uses now. */
    public Connection connection() {
        return connection;
    }

    /**
     * Opens a new publishing connection, aborts the old one (what was unconfirmed on it fails, so
     * the outbox publishes it again) and publishes on the new one from now on.
     */
    public synchronized void renewConnection() {
        Connection fresh = connector.get();
        watchBlocked(fresh);
        Connection old = connection;
        connection = fresh;
        // Aborting first fails the outstanding confirms and frees a publisher stuck writing to the old socket.
        old.abort(ABORT_TIMEOUT_MILLIS);
        blockedReason = null;
        for (ConfirmingChannel channel : channels) {
            channel.moveTo(fresh);
        }
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
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            for (ConfirmingChannel channel : channels) {
                channel.close();
            }
        });
        try {
            closing.get(CHANNEL_CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // A publish blocked in a socket write (RabbitMQ holding the connection in flow, as it did
            // after a queue deletion) keeps its channel's lock; aborting the connection ends that write.
            connection.abort(ABORT_TIMEOUT_MILLIS);
        } catch (ExecutionException e) {
            // Each channel's close already failed what it could not confirm.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connection.abort(ABORT_TIMEOUT_MILLIS);
        }
        try {
            connection.close(ABORT_TIMEOUT_MILLIS);
        } catch (IOException | RuntimeException e) {
            // Gone either way.
        }
    }

    private void watchBlocked(Connection watched) {
        watched.addBlockedListener(reason -> {
            if (watched == connection) {
                blockedReason = reason;
            }
        }, () -> {
            if (watched == connection) {
                blockedReason = null;
            }
        });
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

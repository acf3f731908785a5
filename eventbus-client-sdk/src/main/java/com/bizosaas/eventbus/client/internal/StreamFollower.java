package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.EventStream;
import com.bizosaas.eventbus.client.FollowHandler;
import com.bizosaas.eventbus.client.Follower;
import com.bizosaas.eventbus.client.StreamMessage;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Follower} on {@code GET /events/stream}, which pages the tenant's history from a
 * position and then keeps polling the store: catching up and following live are one read, so
 * the switch has no gap and no duplicate. Its thread reopens a broken stream after the last
 * position handled and hands a failed event to the handler again until it succeeds.
 */
final class StreamFollower implements Follower, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamFollower.class);

    private final EventBusClient client;
    private final UUID tenantId;
    private final List<String> eventTypes;
    private final FollowHandler handler;
    private final Backoff backoff;
    private final Thread thread;
    private final Consumer<StreamFollower> onClose;
    private volatile long position;
    private volatile boolean closed;
    private volatile EventStream open;

    StreamFollower(EventBusClient client, UUID tenantId, long fromPosition, List<String> eventTypes,
                   FollowHandler handler, Backoff backoff, Consumer<StreamFollower> onClose) {
        this.onClose = onClose;
        this.client = client;
        this.tenantId = tenantId;
        this.position = fromPosition;
        this.eventTypes = List.copyOf(eventTypes);
        this.handler = handler;
        this.backoff = backoff;
        this.thread = new Thread(this, "eventbus-client-follow-" + tenantId);
        this.thread.setDaemon(true);
    }

    StreamFollower start() {
        thread.start();
        return this;
    }

    @Override
    public void run() {
        int failures = 0;
        while (!closed) {
            try (EventStream stream = client.stream(tenantId, eventTypes, position)) {
                open = stream;
                if (closed) {
                    return;
                }
                StreamMessage message;
                while ((message = stream.next()) != null) {
                    handle(EventCodec.decode(message.json().getBytes(StandardCharsets.UTF_8)));
                    position = message.position();
                    failures = 0;
                }
            } catch (IOException | EventBusClientException e) {
                if (closed) {
                    return;
                }
                LOG.warn("The event stream of tenant {} broke after position {}; reopening", tenantId, position, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!pause(backoff.delay(++failures))) {
                return;
            }
        }
    }

    /** Until the handler succeeds: a projection that skipped an event would be wrong for good. */
    private void handle(Event event) throws InterruptedException {
        int attempt = 0;
        while (!closed) {
            try {
                handler.handle(event);
                return;
            } catch (Exception e) {
                attempt++;
                LOG.warn("Handling event {} at position {} failed (attempt {}); trying again", event.id(),
                        event.position(), attempt, e);
                if (!pause(backoff.delay(attempt))) {
                    throw new InterruptedException("closed while retrying event " + event.id());
                }
            }
        }
        throw new InterruptedException("closed before event " + event.id() + " was handled");
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        closed = true;
        onClose.accept(this);
        EventStream stream = open;
        if (stream != null) {
            stream.close();
        }
        thread.interrupt();
        if (thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

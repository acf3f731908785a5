package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.PublishReceipt;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Publishing side of the bus. Thread-safe. */
public interface EventPublisher {

    /**
     * Stores the event and hands it to the broker. The bus assigns the id (unless the caller set
     * one, which makes retries idempotent) and the time. Returns once the event is durably stored:
     * from then on it will be dispatched, even if the broker is down right now.
     */
    PublishReceipt publish(Event event);

    /** Publishes several events in one store transaction; receipts are in input order. */
    List<PublishReceipt> publishAll(List<Event> events);

    /**
     * Publishes and waits (at most {@code timeout}) for the first delivery attempt of every
     * matching webhook and in-process subscription dispatched by this instance.
     */
    SyncPublishResult publishAndWait(Event event, Duration timeout);

    /**
     * Withdraws a scheduled event ({@code deliver_at} in the future when published) before it is
     * due; it stays in the history but is never dispatched.
     *
     * @throws NotFoundException the tenant has no such event
     * @throws ConflictException ({@code not_scheduled}) it was not scheduled, is already being
     *                           dispatched or was cancelled before
     */
    void cancelScheduled(UUID tenantId, UUID eventId);
}

package com.bizosaas.eventbus.routing;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.util.Map;

/**
 * Maps an event to its broker destination and partition key.
 *
 * <p>All events share one topic (default {@code eventbus.events}): the dispatchers consume every
 * event anyway, and one topic keeps per-key order without cross-topic coordination. The routing
 * key {@code <tenant>.<event_type>} lets pattern-binding brokers (RabbitMQ) select by tenant or
 * type; the partition key {@code <tenant>/<subject>} keeps each subject's events in order.
 * Immutable and thread-safe.
 */
public final class EventRouter {
    public static final String DEFAULT_TOPIC = Namespace.DEFAULT.topic();
    public static final String HEADER_EVENT_ID = "event-id";
    public static final String HEADER_EVENT_TYPE = "event-type";
    public static final String HEADER_TENANT_ID = "tenant-id";

    private final String topic;
    private final String dispatchGroup;

    /** Events on {@code topic}, dispatched in the default namespace's group. */
    public EventRouter(String topic) {
        this(topic, Namespace.DEFAULT.dispatchGroup());
    }

    private EventRouter(String topic, String dispatchGroup) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must not be blank");
        }
        this.topic = topic;
        this.dispatchGroup = dispatchGroup;
    }

    public static EventRouter ofDefaults() {
        return of(Namespace.DEFAULT);
    }

    /** The topic and dispatch group {@code namespace} names. */
    public static EventRouter of(Namespace namespace) {
        return new EventRouter(namespace.topic(), namespace.dispatchGroup());
    }

    public String topic() {
        return topic;
    }

    /** The consumer group the dispatchers of every instance join. */
    public String dispatchGroup() {
        return dispatchGroup;
    }

    public Destination destination(Event event) {
        return new Destination(topic, event.tenantId() + "." + event.eventType());
    }

    /** The event as a broker message; encoded only when a broker asks for the bytes. */
    public BrokerMessage message(Event event) {
        return BrokerMessage.encodedOnDemand(event.orderingKey(), event, () -> EventCodec.encode(event), Map.of(
                HEADER_EVENT_ID, event.id().toString(),
                HEADER_EVENT_TYPE, event.eventType(),
                HEADER_TENANT_ID, event.tenantId().toString()));
    }
}

package com.bizosaas.eventbus.spi;

/**
 * Where the router sends an event on a broker.
 *
 * @param topic      the stream/topic/exchange-level name, e.g. {@code eventbus.events}
 * @param routingKey {@code <tenant>.<event_type>}; brokers with pattern bindings route on it
 */
public record Destination(String topic, String routingKey) {
    public Destination {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required");
        }
    }
}

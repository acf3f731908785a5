package com.bizosaas.eventbus.spi;

import java.util.Map;

/**
 * An encoded event on its way through a broker.
 *
 * @param key     ordering/partition key: messages with equal keys keep their order
 * @param payload the encoded event
 * @param headers small string headers (event id, type, tenant) so consumers can route without decoding
 */
public record BrokerMessage(String key, byte[] payload, Map<String, String> headers) {
    public BrokerMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}

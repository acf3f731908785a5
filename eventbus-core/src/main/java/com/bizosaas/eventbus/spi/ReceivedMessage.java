package com.bizosaas.eventbus.spi;

import java.util.Map;

/**
 * A message handed to a consumer.
 *
 * @param redelivered true when the broker knows an earlier delivery was not acknowledged
 */
public record ReceivedMessage(String topic, String routingKey, String key, byte[] payload,
                              Map<String, String> headers, boolean redelivered) {
    public ReceivedMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}

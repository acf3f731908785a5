package com.bizosaas.eventbus.broker.rabbitmq;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Small messages whose payload is readable text. */
final class TestMessages {
    static final String TENANT = "550e8400-e29b-41d4-a716-446655440000";

    private TestMessages() {
    }

    static BrokerMessage message(String key, String text) {
        return new BrokerMessage(key, text.getBytes(StandardCharsets.UTF_8), Map.of("event-type", "test"));
    }

    static String text(ReceivedMessage message) {
        return new String(message.payload(), StandardCharsets.UTF_8);
    }

    /** The routing key the bus gives an event of {@code eventType} for the test tenant. */
    static String routingKey(String eventType) {
        return TENANT + "." + eventType;
    }
}

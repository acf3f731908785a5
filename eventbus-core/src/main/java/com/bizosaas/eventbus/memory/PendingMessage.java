package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ReceivedMessage;

/** One message waiting in one consumer group; the redelivered flag is per group. Thread-safe. */
final class PendingMessage {
    private final String topic;
    private final String routingKey;
    private final BrokerMessage message;
    private volatile boolean redelivered;

    PendingMessage(String topic, String routingKey, BrokerMessage message) {
        this.topic = topic;
        this.routingKey = routingKey;
        this.message = message;
    }

    void markRedelivered() {
        redelivered = true;
    }

    String key() {
        return message.key();
    }

    /** The message itself, shared by every group: handlers must not modify its payload. */
    ReceivedMessage toReceived() {
        return ReceivedMessage.inJvm(topic, routingKey, message, redelivered);
    }
}

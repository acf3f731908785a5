package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.model.Event;
import java.util.Map;

/**
 * A message handed to a consumer. Immutable and thread-safe.
 *
 * <p>{@link #local()} is the event the payload encodes when the broker kept the message inside
 * the JVM (see {@link BrokerMessage#local()}); consumers prefer it to decoding the payload.
 */
public final class ReceivedMessage {
    private final String topic;
    private final String routingKey;
    private final boolean redelivered;
    private final Map<String, String> headers;
    private final String key;
    private final byte[] payload;
    private final BrokerMessage original;

    /**
     * @param redelivered true when the broker knows an earlier delivery was not acknowledged
     */
    public ReceivedMessage(String topic, String routingKey, String key, byte[] payload,
                           Map<String, String> headers, boolean redelivered) {
        this(topic, routingKey, key, payload, headers, redelivered, null);
    }

    private ReceivedMessage(String topic, String routingKey, String key, byte[] payload, Map<String, String> headers,
                            boolean redelivered, BrokerMessage original) {
        this.topic = topic;
        this.routingKey = routingKey;
        this.key = key;
        this.payload = payload;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        this.redelivered = redelivered;
        this.original = original;
    }

    /** The message as published, handed over inside the JVM without copying or encoding it. */
    public static ReceivedMessage inJvm(String topic, String routingKey, BrokerMessage message, boolean redelivered) {
        return new ReceivedMessage(topic, routingKey, message.key(), null, message.headers(), redelivered, message);
    }

    public String topic() {
        return topic;
    }

    public String routingKey() {
        return routingKey;
    }

    public String key() {
        return key;
    }

    /** The encoded event; shared, callers must not modify it. */
    public byte[] payload() {
        return original != null ? original.payload() : payload;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public boolean redelivered() {
        return redelivered;
    }

    /** The event the payload encodes, when the broker passed it along inside the JVM; otherwise null. */
    public Event local() {
        return original != null ? original.local() : null;
    }

    @Override
    public String toString() {
        return "ReceivedMessage[topic=" + topic + ", routingKey=" + routingKey + ", key=" + key + ", headers="
                + headers + ", redelivered=" + redelivered + "]";
    }
}

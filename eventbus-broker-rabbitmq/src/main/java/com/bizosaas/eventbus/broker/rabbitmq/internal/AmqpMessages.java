package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps bus messages to AMQP messages and back. The payload is the body; the message's headers are
 * AMQP headers; the ordering key and the publisher's sequence number travel in {@code x-eventbus-*}
 * headers. Headers starting with {@code x-} belong to RabbitMQ and the adapter (the broker adds
 * {@code x-delivery-count} and {@code x-death}) and are not handed to consumers. Stateless.
 */
final class AmqpMessages {
    static final String KEY_HEADER = "x-eventbus-key";
    static final String SEQUENCE_HEADER = "x-eventbus-seq";

    private static final int PERSISTENT = 2;

    private AmqpMessages() {
    }

    /** Persistent properties for {@code message}, tagged with its publish sequence number on its channel. */
    static AMQP.BasicProperties properties(BrokerMessage message, long sequence) {
        Map<String, Object> headers = new HashMap<>(message.headers().size() * 2 + 4);
        headers.putAll(message.headers());
        if (message.key() != null) {
            headers.put(KEY_HEADER, message.key());
        }
        headers.put(SEQUENCE_HEADER, sequence);
        return new AMQP.BasicProperties.Builder().deliveryMode(PERSISTENT).headers(headers).build();
    }

    /** The publish sequence number a returned message was tagged with, or -1 when it has none. */
    static long sequence(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object value = headers == null ? null : headers.get(SEQUENCE_HEADER);
        return value instanceof Number number ? number.longValue() : -1;
    }

    static ReceivedMessage received(String topic, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        Map<String, Object> amqpHeaders = properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        Map<String, String> headers = new HashMap<>(amqpHeaders.size() * 2);
        amqpHeaders.forEach((name, value) -> {
            if (!name.startsWith("x-") && value != null) {
                headers.put(name, value.toString());
            }
        });
        return new ReceivedMessage(topic, envelope.getRoutingKey(), key(properties), body, headers,
                envelope.isRedeliver());
    }

    /** The ordering key of a delivery, or {@code null}. */
    static String key(AMQP.BasicProperties properties) {
        Map<String, Object> headers = properties.getHeaders();
        Object key = headers == null ? null : headers.get(KEY_HEADER);
        return key == null ? null : key.toString();
    }
}

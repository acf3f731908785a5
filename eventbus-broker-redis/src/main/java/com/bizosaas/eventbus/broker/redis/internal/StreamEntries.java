package com.bizosaas.eventbus.broker.redis.internal;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * The layout of one message in a stream entry: {@code key}, {@code payload} (raw bytes),
 * {@code routing_key} and one {@code header:<name>} field per header. Absent fields stand for
 * null values. Stateless.
 */
final class StreamEntries {
    private static final String KEY = "key";
    private static final String PAYLOAD = "payload";
    private static final String ROUTING_KEY = "routing_key";
    private static final String HEADER = "header:";

    private StreamEntries() {
    }

    static Map<byte[], byte[]> fields(String routingKey, BrokerMessage message) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>(4 + message.headers().size() * 2);
        putText(fields, KEY, message.key());
        if (message.payload() != null) {
            fields.put(bytes(PAYLOAD), message.payload());
        }
        putText(fields, ROUTING_KEY, routingKey);
        message.headers().forEach((name, value) -> putText(fields, HEADER + name, value));
        return fields;
    }

    static ReceivedMessage message(String topic, StreamEntryBinary entry, boolean redelivered) {
        String key = null;
        String routingKey = null;
        byte[] payload = null;
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<byte[], byte[]> field : entry.getFields().entrySet()) {
            String name = text(field.getKey());
            if (name.equals(PAYLOAD)) {
                payload = field.getValue();
            } else if (name.equals(KEY)) {
                key = text(field.getValue());
            } else if (name.equals(ROUTING_KEY)) {
                routingKey = text(field.getValue());
            } else if (name.startsWith(HEADER)) {
                headers.put(name.substring(HEADER.length()), text(field.getValue()));
            }
        }
        return new ReceivedMessage(topic, routingKey, key, payload, headers, redelivered);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void putText(Map<byte[], byte[]> fields, String name, String value) {
        if (value != null) {
            fields.put(bytes(name), bytes(value));
        }
    }
}

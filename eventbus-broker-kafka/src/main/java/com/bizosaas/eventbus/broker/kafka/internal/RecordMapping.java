package com.bizosaas.eventbus.broker.kafka.internal;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Maps bus messages to Kafka records and back: the message key is the record key (so equal keys
 * share a partition and keep their order), headers become UTF-8 record headers, and the
 * destination's routing key travels in the {@value #ROUTING_KEY_HEADER} header.
 */
public final class RecordMapping {
    public static final String ROUTING_KEY_HEADER = "eventbus-routing-key";

    private RecordMapping() {
    }

    public static ProducerRecord<String, byte[]> toRecord(Destination destination, BrokerMessage message) {
        List<Header> headers = new ArrayList<>(message.headers().size() + 1);
        message.headers().forEach((name, value) -> headers.add(header(name, value)));
        if (destination.routingKey() != null) {
            headers.add(header(ROUTING_KEY_HEADER, destination.routingKey()));
        }
        return new ProducerRecord<>(destination.topic(), null, message.key(), message.payload(), headers);
    }

    public static ReceivedMessage toMessage(ConsumerRecord<String, byte[]> record, boolean redelivered) {
        Map<String, String> headers = new HashMap<>();
        String routingKey = null;
        for (Header h : record.headers()) {
            String value = h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
            if (ROUTING_KEY_HEADER.equals(h.key())) {
                routingKey = value;
            } else {
                headers.put(h.key(), value);
            }
        }
        return new ReceivedMessage(record.topic(), routingKey, record.key(), record.value(), headers, redelivered);
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

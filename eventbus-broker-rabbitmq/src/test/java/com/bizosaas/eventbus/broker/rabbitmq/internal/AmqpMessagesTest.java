package com.bizosaas.eventbus.broker.rabbitmq.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmqpMessagesTest {
    private static final byte[] PAYLOAD = "{}".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPublishedMessageIsPersistentAndCarriesItsHeadersKeyAndSequenceNumber() {
        AMQP.BasicProperties properties = AmqpMessages.properties(
                new BrokerMessage("lead-1", PAYLOAD, Map.of("event-id", "e-1")), 42);

        assertThat(properties.getDeliveryMode()).isEqualTo(2);
        assertThat(properties.getHeaders()).containsEntry("event-id", "e-1")
                .containsEntry("x-eventbus-key", "lead-1").containsEntry("x-eventbus-seq", 42L);
        assertThat(AmqpMessages.sequence(properties)).isEqualTo(42);
    }

    @Test
    void aKeylessMessageHasNoKeyHeader() {
        AMQP.BasicProperties properties = AmqpMessages.properties(new BrokerMessage(null, PAYLOAD, null), 1);

        assertThat(properties.getHeaders()).doesNotContainKey("x-eventbus-key");
        assertThat(AmqpMessages.key(properties)).isNull();
    }

    @Test
    void aDeliveryBecomesAReceivedMessageWithoutTheBrokersAndAdaptersOwnHeaders() {
        // Headers come back from the wire as LongStrings, with the broker's x- headers added.
        Map<String, Object> wire = new HashMap<>();
        wire.put("event-id", longString("e-1"));
        wire.put("x-eventbus-key", longString("lead-1"));
        wire.put("x-eventbus-seq", 42L);
        wire.put("x-delivery-count", 3L);
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().headers(wire).build();

        ReceivedMessage received = AmqpMessages.received("events",
                new Envelope(7, true, "eventbus.events", "t.lead.created"), properties, PAYLOAD);

        assertThat(received.topic()).isEqualTo("events");
        assertThat(received.routingKey()).isEqualTo("t.lead.created");
        assertThat(received.key()).isEqualTo("lead-1");
        assertThat(received.payload()).isEqualTo(PAYLOAD);
        assertThat(received.headers()).isEqualTo(Map.of("event-id", "e-1"));
        assertThat(received.redelivered()).isTrue();
    }

    @Test
    void aReturnedMessageWithoutASequenceNumberIsNotMistakenForOne() {
        assertThat(AmqpMessages.sequence(new AMQP.BasicProperties())).isEqualTo(-1);
    }

    private static LongString longString(String value) {
        return LongStringHelper.asLongString(value);
    }
}

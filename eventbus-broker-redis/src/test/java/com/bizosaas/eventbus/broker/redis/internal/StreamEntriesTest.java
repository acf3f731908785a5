package com.bizosaas.eventbus.broker.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntryBinary;

class StreamEntriesTest {

    @Test
    void aMessageSurvivesTheTripThroughStreamFieldsByteForByte() {
        byte[] payload = {0, (byte) 0xc3, (byte) 0x28, 'a', (byte) 0xff};
        BrokerMessage sent = new BrokerMessage("tenant/lead-7", payload,
                Map.of("event-id", "e1", "event-type", "lead.created"));

        ReceivedMessage received = roundTrip("tenant.lead.created", sent, false);

        assertThat(received.payload()).containsExactly(payload);
        assertThat(received.key()).isEqualTo("tenant/lead-7");
        assertThat(received.routingKey()).isEqualTo("tenant.lead.created");
        assertThat(received.headers()).isEqualTo(sent.headers());
        assertThat(received.topic()).isEqualTo("events");
        assertThat(received.redelivered()).isFalse();
    }

    @Test
    void absentKeyRoutingKeyAndPayloadStayAbsent() {
        ReceivedMessage received = roundTrip(null, new BrokerMessage(null, null, null), true);

        assertThat(received.key()).isNull();
        assertThat(received.routingKey()).isNull();
        assertThat(received.payload()).isNull();
        assertThat(received.headers()).isEmpty();
        assertThat(received.redelivered()).isTrue();
    }

    @Test
    void aHeaderNamedLikeAFieldDoesNotOverwriteIt() {
        BrokerMessage sent = new BrokerMessage("k", new byte[] {1}, Map.of("key", "header value", "payload", "x"));

        ReceivedMessage received = roundTrip(null, sent, false);

        assertThat(received.key()).isEqualTo("k");
        assertThat(received.payload()).containsExactly(1);
        assertThat(received.headers()).containsEntry("key", "header value").containsEntry("payload", "x");
    }

    private static ReceivedMessage roundTrip(String routingKey, BrokerMessage message, boolean redelivered) {
        var entry = new StreamEntryBinary(new StreamEntryID(1, 0), StreamEntries.fields(routingKey, message));
        return StreamEntries.message("events", entry, redelivered);
    }
}

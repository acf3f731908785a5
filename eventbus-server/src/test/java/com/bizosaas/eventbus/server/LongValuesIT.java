package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An error quotes at most about 100 characters of a bad value, however long the value is. */
class LongValuesIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private static final String TENANT = UUID.randomUUID().toString();
    private static final String HUGE = "x".repeat(200_000);
    /** The sentence around the quoted value, with room to spare; far below the value's size. */
    private static final int MAX_ERROR_CHARACTERS = 1_000;

    private final TestHttp http = SERVER.http();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\"}",
            "{\"event_type\": \"%s\", \"tenant_id\": \"" + "00000000-0000-0000-0000-000000000001" + "\"}",
            "{\"event_type\": \"lead.created\", \"tenant_id\": \"00000000-0000-0000-0000-000000000001\", \"priority\": \"%s\"}"})
    void aPublishErrorQuotesTheStartOfAHugeValue(String template) {
        Reply reply = http.post("/events/publish", template.formatted(HUGE));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().length()).as(reply.body().substring(0, Math.min(300, reply.body().length())))
                .isLessThan(MAX_ERROR_CHARACTERS);
        assertThat(reply.json().get("message").asText()).contains("x".repeat(100) + "...").contains("200000 characters");
    }

    @Test
    void anUnknownFieldWithAHugeNameIsQuotedShort() {
        // Jackson itself refuses names over 50,000 characters.
        String name = "y".repeat(40_000);
        Reply reply = http.post("/events/publish",
                "{\"event_type\": \"lead.created\", \"tenant_id\": \"%s\", \"%s\": 1}".formatted(TENANT, name));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().length()).isLessThan(MAX_ERROR_CHARACTERS);
        assertThat(reply.json().get("error").asText()).isEqualTo("unknown_field");
    }

    @Test
    void historyAndSubscribeErrorsQuoteTheStartOfAHugeValue() {
        Reply history = http.post("/events/history", "{\"tenant_id\": \"%s\", \"from_time\": \"%s\"}"
                .formatted(TENANT, HUGE));
        Reply subscribe = http.post("/events/subscribe",
                "{\"event_type\": \"lead.*\", \"service_name\": \"crm\", \"delivery_mode\": \"%s\"}".formatted(HUGE));

        assertThat(history.status()).isEqualTo(400);
        assertThat(history.body().length()).isLessThan(MAX_ERROR_CHARACTERS);
        assertThat(subscribe.status()).isEqualTo(400);
        assertThat(subscribe.body().length()).isLessThan(MAX_ERROR_CHARACTERS);
    }
}

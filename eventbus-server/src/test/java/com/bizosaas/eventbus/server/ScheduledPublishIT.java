package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scheduled publish over HTTP: the fields, the cancel route, and bad input that changes nothing. */
class ScheduledPublishIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    @Test
    void aScheduledEventIsShownWithItsDueTimeAndCanBeCancelledOnce() {
        Reply published = publish("\"delay_ms\": 60000");
        assertThat(published.status()).as(published.body()).isEqualTo(201);
        String id = published.json().get("event_id").asText();

        Reply shown = http.get("/events/" + tenant + "/" + id);
        Instant due = Instant.parse(shown.json().get("deliver_at").asText());
        assertThat(due).isAfter(Instant.parse(shown.json().get("time").asText()).plusSeconds(59));

        Reply cancelled = http.delete("/events/" + tenant + "/" + id + "/schedule");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("cancelled").asBoolean()).isTrue();
        Reply again = http.delete("/events/" + tenant + "/" + id + "/schedule");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("not_scheduled");
        assertThat(http.get("/events/" + tenant + "/" + id).status()).as("still in the history").isEqualTo(200);
    }

    @Test
    void aBatchCarriesEachEventsOwnDueTime() {
        String due = Instant.now().plusSeconds(3600).toString();
        Reply reply = http.post("/events/publish", """
                {"events": [{"event_type": "lead.created", "tenant_id": "%s", "deliver_at": "%s"},
                            {"event_type": "lead.created", "tenant_id": "%s"}]}""".formatted(tenant, due, tenant));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        String scheduled = reply.json().get("events").get(0).get("event_id").asText();
        String immediate = reply.json().get("events").get(1).get("event_id").asText();
        assertThat(http.get("/events/" + tenant + "/" + scheduled).json().get("deliver_at").asText())
                .isEqualTo(due);
        assertThat(http.get("/events/" + tenant + "/" + immediate).json().has("deliver_at")).isFalse();
        assertThat(http.delete("/events/" + tenant + "/" + immediate + "/schedule").status())
                .as("an event that was not scheduled").isEqualTo(409);
    }

    @Test
    void badScheduleFieldsAreRefusedAndStoreNothing() {
        assertRefused(publish("\"delay_ms\": 1000, \"deliver_at\": \"2030-01-01T00:00:00Z\""), "delay_ms");
        assertRefused(publish("\"delay_ms\": -1"), "delay_ms");
        assertRefused(publish("\"delay_ms\": \"soon\""), "delay_ms");
        assertRefused(publish("\"deliver_at\": \"tomorrow\""), "deliver_at");
        assertRefused(publish("\"deliver_at\": \"2999-01-01T00:00:00Z\""), "deliver_at");
        assertRefused(publish("\"delay_ms\": 1000, \"sync\": true"), "sync");

        Reply history = http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}");
        assertThat(history.json().get("count").asInt()).isZero();
    }

    @Test
    void cancellingAnUnknownOrMalformedEventIsAClearError() {
        assertThat(http.delete("/events/" + tenant + "/" + UUID.randomUUID() + "/schedule").status()).isEqualTo(404);
        Reply malformed = http.delete("/events/" + tenant + "/not-a-uuid/schedule");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("field").asText()).isEqualTo("event_id");
    }

    private Reply publish(String extraFields) {
        return http.post("/events/publish", """
                {"event_type": "lead.created", "tenant_id": "%s", %s}""".formatted(tenant, extraFields));
    }

    private static void assertRefused(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("field").asText()).as(reply.body()).isEqualTo(field);
    }
}

package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Events that fall due while the server (PostgreSQL store, Redis broker) is down are dispatched
 * after it starts again, in position order: the schedule lives in the store's outbox, not in the
 * process or the broker.
 */
class ScheduledPublishRestartIT {
    private final String tenant = UUID.randomUUID().toString();
    private final ServerProcess process = new ServerProcess("schedule", Map.of());
    private Process server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        process.dropData();
    }

    @Test
    void eventsDueWhileTheServerIsDownAreDeliveredAfterTheRestart() throws Exception {
        server = process.start();
        TestHttp http = process.http();
        String subscription = http.post("/events/subscribe", """
                {"event_type": "lead.created", "service_name": "sales", "tenant_id": "%s"}""".formatted(tenant))
                .json().get("subscription_id").asText();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Reply reply = http.post("/events/publish", """
                    {"event_type": "lead.created", "tenant_id": "%s", "delay_ms": 2000}""".formatted(tenant));
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            expected.add(reply.json().get("event_id").asText());
        }
        Instant due = Instant.now().plusMillis(2000);

        server.destroy();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stopped").isTrue();
        assertThat(process.count("outbox", "due_at IS NOT NULL")).as("still scheduled when stopped").isEqualTo(3);
        Await.until("the events fell due while the server was down", Duration.ofSeconds(10),
                () -> Instant.now().isAfter(due.plusSeconds(1)));

        server = process.start();

        List<String> received = new ArrayList<>();
        Await.until("the scheduled events were pulled after the restart", Duration.ofSeconds(30), () -> {
            Reply pulled = http.post("/subscriptions/" + subscription + "/pull", "{\"wait_ms\": 500}");
            List<String> ackIds = new ArrayList<>();
            for (JsonNode p : pulled.json().get("events")) {
                received.add(p.get("event").get("id").asText());
                ackIds.add("\"" + p.get("ack_id").asText() + "\"");
            }
            if (!ackIds.isEmpty()) {
                http.post("/subscriptions/" + subscription + "/ack", "{\"ack_ids\": " + ackIds + "}");
            }
            return received.size() >= expected.size();
        });
        assertThat(received).containsExactlyElementsOf(expected);
    }
}

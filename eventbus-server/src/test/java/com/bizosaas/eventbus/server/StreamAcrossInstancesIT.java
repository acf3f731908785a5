package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one PostgreSQL store and one Redis broker: each dispatches about half
 * of the events (one dispatch group), yet a stream on one instance gets every event of its
 * tenant, in order, whichever instance published and dispatched it.
 */
class StreamAcrossInstancesIT {
    private static ServerProcess shared;
    private static RunningServer streaming;
    private static RunningServer publishing;

    @BeforeAll
    static void start() {
        shared = new ServerProcess("streams", Map.of("EVENTBUS_STREAM_POLL_MS", "200"));
        Map<String, String> env = new HashMap<>(shared.environment());
        env.put("EVENTBUS_SERVICE_PORT", "0");
        streaming = EventBusServer.start(ServerConfig.fromEnvironment(env));
        publishing = EventBusServer.start(ServerConfig.fromEnvironment(env));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (publishing != null) {
            publishing.close();
        }
        if (streaming != null) {
            streaming.close();
        }
        shared.dropData();
    }

    @Test
    void aStreamGetsTheEventsAnotherInstancePublishedAndDispatched() throws IOException {
        TestHttp streamHttp = new TestHttp("http://127.0.0.1:" + streaming.port());
        TestHttp publishHttp = new TestHttp("http://127.0.0.1:" + publishing.port());
        String tenant = UUID.randomUUID().toString();
        List<String> published = new ArrayList<>();
        try (SseReader stream = SseReader.open(streamHttp.baseUrl() + "/events/stream?tenant_id=" + tenant)) {
            for (int i = 0; i < 30; i++) {
                Reply reply = publishHttp.post("/events/publish", """
                        {"event_type": "lead.created", "tenant_id": "%s", "subject": "lead-%d", "data": {}}"""
                        .formatted(tenant, i));
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
                published.add(reply.json().get("event_id").asText());
            }

            Await.until("every event reaches the other instance's stream", () -> stream.messages().size() >= 30);

            List<String> received = new ArrayList<>();
            for (SseReader.Message m : stream.messages()) {
                received.add(WireJson.reader().readTree(m.data()).get("id").asText());
            }
            assertThat(received).containsExactlyElementsOf(published);
        }
    }
}

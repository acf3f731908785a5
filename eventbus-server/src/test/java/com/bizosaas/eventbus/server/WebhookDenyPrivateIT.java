package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code EVENTBUS_WEBHOOK_DENY_PRIVATE=true}: subscriptions to loopback and private targets get 400 and change nothing. */
class WebhookDenyPrivateIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of("EVENTBUS_WEBHOOK_DENY_PRIVATE", "true"));

    private final TestHttp http = SERVER.http();
    private final UUID tenant = UUID.randomUUID();

    private Reply subscribe(String url) {
        return http.post("/events/subscribe", """
                {"event_type": "lead.created", "service_name": "crm", "tenant_id": "%s", "webhook_url": "%s"}"""
                .formatted(tenant, url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost:8080/hook", "http://[::1]/hook",
            "http://10.0.0.7/hook", "http://172.20.1.1/hook", "http://192.168.1.20/hook", "http://100.64.0.1/hook",
            "http://[fd00::1]/hook"})
    void aLoopbackOrPrivateTargetIsRefused(String url) {
        Reply reply = subscribe(url);

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo("forbidden_webhook_url");
        assertThat(reply.json().get("field").asText()).isEqualTo("webhook_url");
        assertThat(http.get("/subscriptions").body()).doesNotContain(url);
    }

    @Test
    void aPublicTargetIsAccepted() {
        Reply reply = subscribe("http://203.0.113.9/hook");

        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
    }
}

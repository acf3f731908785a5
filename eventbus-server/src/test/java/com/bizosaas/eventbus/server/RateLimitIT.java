package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code EVENTBUS_RATE_LIMIT_PER_SECOND=1}, {@code _BURST=3}: a tenant past its bucket gets 429 with
 * the retry time and RateLimit headers, and nothing is stored. One token a second refills, far
 * slower than these requests, so each test's counts hold.
 */
class RateLimitIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_RATE_LIMIT_PER_SECOND", "1", "EVENTBUS_RATE_LIMIT_BURST", "3"));

    private final TestHttp http = SERVER.http();
    private final String tenant = UUID.randomUUID().toString();

    private Reply publish(String forTenant) {
        return http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + forTenant + "\"}");
    }

    private Reply batch(int size) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < size; i++) {
            events.append(i == 0 ? "" : ",").append("{\"event_type\": \"lead.created\", \"tenant_id\": \"")
                    .append(tenant).append("\"}");
        }
        return http.post("/events/publish", "{\"events\": [" + events + "]}");
    }

    private int stored() {
        return http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}").json().get("count").asInt();
    }

    @Test
    void publishingPastTheBurstIsRefusedWith429AndTheRateLimitHeaders() {
        for (int i = 0; i < 3; i++) {
            assertThat(publish(tenant).status()).isEqualTo(201);
        }

        Reply refused = publish(tenant);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("error").asText()).isEqualTo("rate_limited");
        assertThat(refused.json().get("message").asText()).contains(tenant).contains("retry after");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("3");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(refused.header("RateLimit-Reset"))).isBetween(1, 3);
        assertThat(stored()).isEqualTo(3);
    }

    @Test
    void aBatchCostsOneTokenPerEventAndOneLargerThanTheBurstIs400() {
        assertThat(batch(2).status()).isEqualTo(201);
        assertThat(batch(2).status()).as("only one token left").isEqualTo(429);

        Reply tooLarge = batch(4);
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("error").asText()).isEqualTo("batch_over_rate_limit");
    }

    @Test
    void readsHaveTheirOwnBucketForHistoryAndSingleEvents() {
        String eventId = publish(tenant).json().get("event_id").asText();
        String single = "/events/" + tenant + "/" + eventId;

        assertThat(http.get(single).status()).isEqualTo(200);
        assertThat(http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}").status()).isEqualTo(200);
        assertThat(http.get(single).status()).isEqualTo(200);

        Reply refused = http.get(single);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}").status()).isEqualTo(429);
        assertThat(publish(tenant).status()).as("publishing has its own bucket").isEqualTo(201);
    }

    @Test
    void oneTenantOverItsLimitLeavesTheOthersAlone() {
        for (int i = 0; i < 4; i++) {
            publish(tenant);
        }
        assertThat(publish(tenant).status()).isEqualTo(429);

        assertThat(publish(UUID.randomUUID().toString()).status()).isEqualTo(201);
    }

    @Test
    void anOverrideAppliesAtOnceAndIsReadBack() {
        String path = "/admin/tenants/" + tenant + "/rate-limit";
        assertThat(http.get(path).json().get("per_second").asInt()).isEqualTo(1);
        assertThat(http.get(path).json().get("source").asText()).isEqualTo("default");

        Reply set = http.put(path, "{\"per_second\": 1000, \"burst\": 20}");

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("burst").asInt()).isEqualTo(20);
        assertThat(http.get(path).json().get("source").asText()).isEqualTo("override");
        assertThat(batch(20).status()).isEqualTo(201);
    }

    @Test
    void aBadOverrideIs400AndChangesNothing() {
        String path = "/admin/tenants/" + tenant + "/rate-limit";

        Reply zero = http.put(path, "{\"per_second\": 0}");
        Reply missing = http.put(path, "{\"burst\": 5}");
        Reply unknown = http.put(path, "{\"per_second\": 5, \"rate\": 5}");
        Reply text = http.put(path, "{\"per_second\": \"fast\"}");
        Reply notATenant = http.put("/admin/tenants/acme/rate-limit", "{\"per_second\": 5}");

        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().get("field").asText()).isEqualTo("per_second");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("field").asText()).isEqualTo("per_second");
        assertThat(unknown.json().get("error").asText()).isEqualTo("unknown_field");
        assertThat(text.status()).isEqualTo(400);
        assertThat(notATenant.status()).isEqualTo(400);
        assertThat(notATenant.json().get("field").asText()).isEqualTo("tenant_id");
        assertThat(http.get(path).json().get("source").asText()).isEqualTo("default");
    }
}

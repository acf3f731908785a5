package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Managed API keys: created by a platform admin key, shown once, scoped, expiring, revocable; the
 * bootstrap keys of EVENTBUS_API_KEYS keep every scope.
 */
class ManagedApiKeysIT {
    private static final String ROOT = "root-bootstrap-key";
    private static final String TENANT = UUID.randomUUID().toString();

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", ROOT + ":*"));

    private final TestHttp http = SERVER.http();

    static String createKey(TestHttp http, String adminKey, String tenant, String scopes, String extra) {
        Reply created = http.post("/admin/api-keys", "{\"name\": \"test key\", \"tenant_id\": \"" + tenant
                + "\", \"scopes\": [" + scopes + "]" + extra + "}", "X-API-Key", adminKey);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("key").asText();
    }

    @Test
    void aCreatedKeyIsShownOnceAndActsForItsTenantWithItsScopes() {
        String tenant = UUID.randomUUID().toString();
        Reply created = http.post("/admin/api-keys", "{\"name\": \"crm publisher\", \"tenant_id\": \"" + tenant
                + "\", \"scopes\": [\"publish\", \"read\"]}", "X-API-Key", ROOT);

        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().get("key").asText();
        assertThat(secret).startsWith("ebk_").hasSizeGreaterThan(40);
        assertThat(created.json().get("scopes").toString()).isEqualTo("[\"publish\",\"read\"]");
        assertThat(http.post("/events/publish", event(tenant), "X-API-Key", secret).status()).isEqualTo(201);
        assertThat(http.post("/events/publish", event(UUID.randomUUID().toString()), "Authorization",
                "Bearer " + secret).status()).isEqualTo(403);
        Reply listed = http.get("/admin/api-keys?tenant_id=" + tenant, "X-API-Key", ROOT);
        assertThat(listed.json().get("count").asInt()).isEqualTo(1);
        assertThat(listed.body()).contains("crm publisher").doesNotContain(secret);
    }

    @Test
    void aReadOnlyKeyCannotPublishSubscribeOrRedrive() {
        String reader = createKey(http, ROOT, TENANT, "\"read\"", "");

        Reply publish = http.post("/events/publish", event(TENANT), "X-API-Key", reader);
        Reply redrive = http.post("/dead-letters/redrive", "{}", "X-API-Key", reader);
        Reply subscribe = http.post("/events/subscribe", "{\"event_type\": \"lead.*\", \"service_name\": \"x\"}",
                "X-API-Key", reader);

        assertThat(publish.status()).isEqualTo(403);
        assertThat(publish.json().get("message").asText()).contains("'publish' scope");
        assertThat(redrive.status()).isEqualTo(403);
        assertThat(subscribe.status()).isEqualTo(403);
        assertThat(http.post("/events/history", "{\"tenant_id\": \"" + TENANT + "\"}", "X-API-Key", reader)
                .status()).isEqualTo(200);
    }

    @Test
    void onlyAPlatformAdminKeyManagesKeys() {
        String tenantAdmin = createKey(http, ROOT, TENANT, "\"admin\", \"publish\"", "");
        String platformReader = createKey(http, ROOT, "*", "\"read\"", "");

        assertThat(http.get("/admin/api-keys", "X-API-Key", tenantAdmin).status()).isEqualTo(403);
        assertThat(http.get("/admin/api-keys", "X-API-Key", platformReader).status()).isEqualTo(403);
        assertThat(http.post("/admin/api-keys", "{\"name\": \"x\", \"tenant_id\": \"*\", \"scopes\": [\"admin\"]}",
                "X-API-Key", tenantAdmin).status()).isEqualTo(403);
    }

    @Test
    void aRevokedKeyIsRefusedAndRevokingAgainChangesNothing() {
        Reply created = http.post("/admin/api-keys", "{\"name\": \"to revoke\", \"tenant_id\": \"" + TENANT
                + "\", \"scopes\": [\"read\"]}", "X-API-Key", ROOT);
        String secret = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        String history = "{\"tenant_id\": \"" + TENANT + "\"}";
        assertThat(http.post("/events/history", history, "X-API-Key", secret).status()).isEqualTo(200);

        Reply revoked = http.delete("/admin/api-keys/" + id, "X-API-Key", ROOT);
        Reply again = http.delete("/admin/api-keys/" + id, "X-API-Key", ROOT);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().get("active").asBoolean()).isFalse();
        assertThat(again.json().get("revoked_at")).isEqualTo(revoked.json().get("revoked_at"));
        Await.until("the revoked key is refused", Duration.ofSeconds(5),
                () -> http.post("/events/history", history, "X-API-Key", secret).status() == 401);
        assertThat(http.post("/events/history", history, "X-API-Key", secret).json().get("message").asText())
                .contains("revoked");
        assertThat(http.delete("/admin/api-keys/" + UUID.randomUUID(), "X-API-Key", ROOT).status()).isEqualTo(404);
    }

    @Test
    void anExpiredKeyIsRefused() {
        String secret = createKey(http, ROOT, TENANT, "\"read\"",
                ", \"expires_at\": \"" + Instant.now().plusMillis(1500) + "\"");
        String history = "{\"tenant_id\": \"" + TENANT + "\"}";

        Await.until("the key expires", Duration.ofSeconds(10),
                () -> http.post("/events/history", history, "X-API-Key", secret).status() == 401);
        assertThat(http.post("/events/history", history, "X-API-Key", secret).json().get("message").asText())
                .contains("expired");
    }

    @Test
    void badKeyRequestsAreRefusedWithTheFieldNamedAndNothingCreated() {
        int before = http.get("/admin/api-keys", "X-API-Key", ROOT).json().get("count").asInt();
        Map<String, String> bodies = new HashMap<>();
        bodies.put("{\"name\": \"x\", \"tenant_id\": \"*\", \"scopes\": [\"write\"]}", "scopes[0]");
        bodies.put("{\"name\": \"x\", \"tenant_id\": \"*\", \"scopes\": []}", "scopes");
        bodies.put("{\"name\": \"x\", \"tenant_id\": \"nope\", \"scopes\": [\"read\"]}", "tenant_id");
        bodies.put("{\"tenant_id\": \"*\", \"scopes\": [\"read\"]}", "name");
        bodies.put("{\"name\": \"x\", \"tenant_id\": \"*\", \"scopes\": [\"read\"], \"expires_at\": \"2001-01-01T00:00:00Z\"}",
                "expires_at");
        bodies.put("{\"name\": \"x\", \"tenant_id\": \"*\", \"scopes\": [\"read\"], \"secret\": \"mine\"}", null);

        bodies.forEach((body, field) -> {
            Reply reply = http.post("/admin/api-keys", body, "X-API-Key", ROOT);
            assertThat(reply.status()).as(body).isEqualTo(400);
            if (field != null) {
                assertThat(reply.json().get("field").asText()).as(body).isEqualTo(field);
            }
        });
        assertThat(http.get("/admin/api-keys", "X-API-Key", ROOT).json().get("count").asInt()).isEqualTo(before);
        assertThat(http.delete("/admin/api-keys/not-a-uuid", "X-API-Key", ROOT).status()).isEqualTo(400);
    }

    /** Two servers on one PostgreSQL schema: a key revoked through one is refused by the other within seconds. */
    @Test
    void aKeyRevokedOnOneInstanceIsRefusedByAnother() throws Exception {
        ServiceCheck.requireReachable("postgres");
        String schema = "keys_it_" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = new HashMap<>(PostgresStoreIT.environment(schema));
        env.put("EVENTBUS_API_KEYS", ROOT + ":*");
        // The shared PostgreSQL has few connections to spare for two instances.
        env.put("EVENTBUS_POSTGRES_POOL_SIZE", "4");
        try (RunningServer one = EventBusServer.start(ServerConfig.fromEnvironment(env));
             RunningServer two = EventBusServer.start(ServerConfig.fromEnvironment(env))) {
            TestHttp first = new TestHttp("http://127.0.0.1:" + one.port());
            TestHttp second = new TestHttp("http://127.0.0.1:" + two.port());
            Reply created = first.post("/admin/api-keys", "{\"name\": \"shared\", \"tenant_id\": \"" + TENANT
                    + "\", \"scopes\": [\"read\"]}", "X-API-Key", ROOT);
            String secret = created.json().get("key").asText();
            String history = "{\"tenant_id\": \"" + TENANT + "\"}";
            assertThat(second.post("/events/history", history, "X-API-Key", secret).status()).isEqualTo(200);

            assertThat(first.delete("/admin/api-keys/" + created.json().get("id").asText(), "X-API-Key", ROOT)
                    .status()).isEqualTo(200);

            Await.until("the other instance refuses the revoked key", Duration.ofSeconds(5),
                    () -> second.post("/events/history", history, "X-API-Key", secret).status() == 401);
            assertNoSecretStored(schema, secret);
        } finally {
            PostgresStoreIT.dropSchema(schema);
        }
    }

    private static void assertNoSecretStored(String schema, String secret) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + schema + ".api_keys")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    assertThat(String.valueOf(rs.getObject(i))).doesNotContain(secret);
                }
            }
            assertThat(rows).isEqualTo(1);
        }
    }

    static String event(String tenant) {
        return "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\", \"data\": {}}";
    }
}

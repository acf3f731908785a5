package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.bizosaas.eventbus.testing.WebhookReceiver;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Per-tenant encryption on PostgreSQL and Redis Streams: the stored row and the broker record
 * hold ciphertext, every reader gets clear data; rotation, re-encryption, crypto-shredding; a
 * wrong or missing master key stops the server at start.
 */
class EncryptionIT {
    static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
    private static final String OTHER_MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static String schema;
    private static RunningServer server;
    private static TestHttp http;

    @BeforeAll
    static void startServer() {
        ServiceCheck.requireReachable("postgres");
        ServiceCheck.requireReachable("redis");
        schema = "enc_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        server = EventBusServer.start(ServerConfig.fromEnvironment(environment(schema, MASTER_KEY)));
        http = new TestHttp("http://127.0.0.1:" + server.port());
    }

    static Map<String, String> environment(String schema, String masterKey) {
        Map<String, String> env = new HashMap<>(PostgresStoreIT.environment(schema));
        env.put("EVENTBUS_BROKER_TYPE", "redis");
        env.put("EVENTBUS_REDIS_HOST", "127.0.0.1");
        env.put("EVENTBUS_REDIS_STREAM_PREFIX", schema + ":");
        env.put("EVENTBUS_NAMESPACE", schema);
        env.put("EVENTBUS_POSTGRES_POOL_SIZE", "4");
        if (masterKey != null) {
            env.put("EVENTBUS_MASTER_KEY", masterKey);
        }
        return env;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
        PostgresStoreIT.dropSchema(schema);
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            Set<String> keys = redis.keys(schema + ":*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }

    @Test
    void theStoredRowAndTheBrokerRecordHoldCiphertextWhileEveryReaderGetsClearData() throws Exception {
        String tenant = UUID.randomUUID().toString();
        String secret = "plain-" + UUID.randomUUID();
        setPolicy(tenant, "{\"policy\": \"all\"}");
        String pull = http.post("/events/subscribe", "{\"tenant_id\": \"" + tenant + "\", \"event_type\": \"lead.*\","
                + " \"service_name\": \"crm\", \"delivery_mode\": \"pull\"}").json().get("subscription_id").asText();
        try (WebhookReceiver receiver = new WebhookReceiver();
             SseReader stream = SseReader.open(http.baseUrl() + "/events/stream?tenant_id=" + tenant)) {
            http.post("/events/subscribe", "{\"tenant_id\": \"" + tenant + "\", \"event_type\": \"lead.*\","
                    + " \"service_name\": \"hooks\", \"webhook_url\": \"" + receiver.url() + "\"}");

            String eventId = publish(tenant, "lead.created", secret);

            assertThat(rawData(eventId)).contains("encrypted_data").doesNotContain(secret);
            assertThat(rawBrokerRecords()).anyMatch(r -> r.contains(eventId))
                    .filteredOn(r -> r.contains(eventId)).allMatch(r -> !r.contains(secret));
            assertThat(history(tenant)).contains(secret);
            assertThat(http.get("/events/" + tenant + "/" + eventId).json().get("data").get("secret").asText())
                    .isEqualTo(secret);
            Await.until("the webhook receives the event", () -> !receiver.received().isEmpty());
            assertThat(receiver.received().get(0).text()).contains(secret);
            Await.until("the live tail shows the event", () -> stream.messages().stream()
                    .anyMatch(m -> m.data().contains(secret)));
            assertThat(pulledData(pull)).contains(secret);
            http.post("/subscriptions/" + pull + "/replay", "{}");
            assertThat(pulledData(pull)).as("replayed").contains(secret);
        }
    }

    @Test
    void theTypesPolicyEncryptsOnlyTheListedTypes() throws Exception {
        String tenant = UUID.randomUUID().toString();
        setPolicy(tenant, "{\"policy\": \"types\", \"event_types\": [\"payment.captured\"]}");

        String payment = publish(tenant, "payment.captured", "card-4242");
        String lead = publish(tenant, "lead.created", "lead-mail");

        assertThat(rawData(payment)).doesNotContain("card-4242");
        assertThat(rawData(lead)).contains("lead-mail");
        assertThat(history(tenant)).contains("card-4242", "lead-mail");
    }

    @Test
    void aRetriedPublishWithTheSameIdempotencyKeyIsADuplicateAndAChangedOneIsRefused() {
        String tenant = UUID.randomUUID().toString();
        setPolicy(tenant, "{\"policy\": \"all\"}");
        String body = "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\", \"data\": {\"n\": 1}}";
        String changed = "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + tenant + "\", \"data\": {\"n\": 2}}";

        Reply first = http.post("/events/publish", body, "Idempotency-Key", "k-1");
        Reply again = http.post("/events/publish", body, "Idempotency-Key", "k-1");
        Reply reused = http.post("/events/publish", changed, "Idempotency-Key", "k-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(reused.status()).isEqualTo(422);
    }

    @Test
    void afterRotationOldEventsStillDecryptAndReEncryptionMovesThemToTheNewKey() throws Exception {
        String tenant = UUID.randomUUID().toString();
        setPolicy(tenant, "{\"policy\": \"all\"}");
        String old = publish(tenant, "lead.created", "before-rotation");

        Reply rotated = http.postEmpty("/admin/tenants/" + tenant + "/encryption/rotate");
        String fresh = publish(tenant, "lead.created", "after-rotation");

        assertThat(rotated.json().get("key_version").asInt()).isEqualTo(2);
        assertThat(keyVersion(old)).isEqualTo(1);
        assertThat(keyVersion(fresh)).isEqualTo(2);
        assertThat(history(tenant)).contains("before-rotation", "after-rotation");

        Reply reEncrypted = http.postEmpty("/admin/tenants/" + tenant + "/encryption/re-encrypt");

        assertThat(reEncrypted.json().get("re_encrypted").asInt()).isEqualTo(1);
        assertThat(keyVersion(old)).isEqualTo(2);
        assertThat(rawData(old)).doesNotContain("before-rotation");
        assertThat(history(tenant)).contains("before-rotation", "after-rotation");
    }

    @Test
    void shreddedDataIsRedactedForGoodAndNeverAnError() throws Exception {
        String tenant = UUID.randomUUID().toString();
        setPolicy(tenant, "{\"policy\": \"all\"}");
        String eventId = publish(tenant, "lead.created", "to-be-forgotten");

        Reply shred = http.delete("/admin/tenants/" + tenant + "/encryption/keys");

        assertThat(shred.status()).isEqualTo(200);
        assertThat(shred.json().get("keys_deleted").asInt()).isEqualTo(1);
        Reply single = http.get("/events/" + tenant + "/" + eventId);
        assertThat(single.status()).isEqualTo(200);
        assertThat(single.json().get("data").isNull()).isTrue();
        assertThat(single.json().get("data_redacted").asBoolean()).isTrue();
        Reply history = http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body()).doesNotContain("to-be-forgotten").contains("\"data_redacted\":true");
        String after = publish(tenant, "lead.created", "new-life");
        assertThat(history(tenant)).contains("new-life");
        assertThat(http.get("/events/" + tenant + "/" + eventId).json().get("data_redacted").asBoolean()).isTrue();
        assertThat(http.get("/events/" + tenant + "/" + after).json().has("data_redacted")).isFalse();
    }

    @Test
    void badPoliciesAreRefusedAndChangeNothing() {
        String tenant = UUID.randomUUID().toString();
        String path = "/admin/tenants/" + tenant + "/encryption";
        assertThat(http.put(path, "{\"policy\": \"some\"}").json().get("field").asText()).isEqualTo("policy");
        assertThat(http.put(path, "{\"policy\": \"types\"}").json().get("field").asText()).isEqualTo("event_types");
        assertThat(http.put(path, "{\"policy\": \"all\", \"event_types\": [\"a.b\"]}").status()).isEqualTo(400);
        assertThat(http.put(path, "{\"policy\": \"types\", \"event_types\": [\"Not A Type\"]}").json().get("field")
                .asText()).isEqualTo("event_types[0]");
        assertThat(http.put(path, "{\"policy\": 1}").status()).isEqualTo(400);
        assertThat(http.get(path).json().get("policy").asText()).isEqualTo("off");
    }

    @Test
    void aServerStartedWithAnotherMasterKeyOrNoneIsRefusedWithAClearMessage() throws Exception {
        String tenant = UUID.randomUUID().toString();
        setPolicy(tenant, "{\"policy\": \"all\"}");
        publish(tenant, "lead.created", "needs-the-right-key");

        for (String key : new String[] {OTHER_MASTER_KEY, ""}) {
            Map<String, String> env = new HashMap<>(Map.of("EVENTBUS_POSTGRES_SCHEMA", schema,
                    "EVENTBUS_REDIS_STREAM_PREFIX", schema + ":", "EVENTBUS_NAMESPACE", schema));
            env.put("EVENTBUS_MASTER_KEY", key);
            ServerProcess process = new ServerProcess("enc", env);
            assertThatThrownBy(process::start).hasMessageContaining("exited with 2");
            String log = Files.readString(process.log().toPath());
            assertThat(log).contains("EVENTBUS_MASTER_KEY").doesNotContain(MASTER_KEY).doesNotContain(OTHER_MASTER_KEY);
            assertThat(log).contains(key.isEmpty() ? "no master key" : "does not unwrap");
        }
    }

    private static void setPolicy(String tenant, String body) {
        Reply reply = http.put("/admin/tenants/" + tenant + "/encryption", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static String publish(String tenant, String type, String secret) {
        Reply reply = http.post("/events/publish", "{\"event_type\": \"" + type + "\", \"tenant_id\": \"" + tenant
                + "\", \"data\": {\"secret\": \"" + secret + "\"}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json().get("event_id").asText();
    }

    private static String history(String tenant) {
        Reply reply = http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.body();
    }

    private static String pulledData(String subscription) {
        List<String> data = new ArrayList<>();
        Await.until("an event is pulled", () -> {
            JsonNode events = http.post("/subscriptions/" + subscription + "/pull", "{\"max_events\": 10}").json()
                    .get("events");
            List<String> acks = new ArrayList<>();
            events.forEach(e -> {
                data.add(e.get("event").get("data").toString());
                acks.add("\"" + e.get("ack_id").asText() + "\"");
            });
            if (!acks.isEmpty()) {
                http.post("/subscriptions/" + subscription + "/ack", "{\"ack_ids\": " + acks + "}");
            }
            return !data.isEmpty();
        });
        return String.join("\n", data);
    }

    private static String rawData(String eventId) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT e.data::text FROM " + schema + ".events e JOIN " + schema
                     + ".event_keys k ON e.tenant_id = k.tenant_id AND e.position = k.position AND e.time = k.time"
                     + " WHERE k.event_id = '" + eventId + "'")) {
            assertThat(rs.next()).as("a stored row for " + eventId).isTrue();
            return rs.getString(1);
        }
    }

    private static int keyVersion(String eventId) throws Exception {
        return WireJson.reader().readTree(rawData(eventId)).get("encrypted_data").get("key").asInt();
    }

    /** Every entry of the deployment's Redis streams, as text. */
    private static List<String> rawBrokerRecords() {
        List<String> records = new ArrayList<>();
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            for (String key : redis.keys(schema + ":*")) {
                if (!redis.type(key).equals("stream")) {
                    continue;
                }
                for (StreamEntry entry : redis.xrange(key, (StreamEntryID) null, (StreamEntryID) null)) {
                    records.add(entry.getFields().toString());
                }
            }
        }
        return records;
    }
}

package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The schema registry over HTTP: registration with compatibility checks, reads, tenant rules, and
 * validation of published events against the registered version.
 */
class SchemaRegistryIT {
    private static final String TENANT = UUID.randomUUID().toString();
    private static final String OTHER_TENANT = UUID.randomUUID().toString();
    private static final String[] PLATFORM = {"X-API-Key", "platform-key"};
    private static final String[] CRM = {"X-API-Key", "crm-key"};
    private static final String[] OTHER = {"X-API-Key", "other-key"};
    private static final String ORDER_V1 = "{\"type\":\"object\",\"required\":[\"amount\"],"
            + "\"properties\":{\"amount\":{\"type\":\"number\"},\"note\":{\"type\":\"string\"}}}";

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", "crm-key:" + TENANT + ",other-key:" + OTHER_TENANT + ",platform-key:*"));

    private final TestHttp http = SERVER.http();
    private final String type = "order.placed_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);

    private Reply register(String schema, String tenant, String... key) {
        String tenantField = tenant == null ? "" : ", \"tenant_id\": \"" + tenant + "\"";
        return http.post("/schemas/" + type + "/versions", "{\"schema\": " + schema + tenantField + "}", key);
    }

    private Reply publish(String tenant, int version, String data, String... key) {
        return http.post("/events/publish", "{\"event_type\":\"%s\",\"tenant_id\":\"%s\",\"version\":%d,\"data\":%s}"
                .formatted(type, tenant, version, data), key);
    }

    @Test
    void aPlatformKeyRegistersGlobalVersionsNumberedInTurnAndEveryoneReadsThem() {
        Reply first = register(ORDER_V1, null, PLATFORM);
        Reply second = register(ORDER_V1.replace("\"note\"", "\"currency\":{\"type\":\"string\"},\"note\""), null,
                PLATFORM);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("version").asInt()).isEqualTo(1);
        assertThat(first.json().get("global").asBoolean()).isTrue();
        assertThat(second.json().get("version").asInt()).isEqualTo(2);
        Reply versions = http.get("/schemas/" + type + "/versions", CRM);
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.json().get("count").asInt()).isEqualTo(2);
        assertThat(versions.json().get("compatibility").asText()).isEqualTo("BACKWARD");
        Reply one = http.get("/schemas/" + type + "/versions/2", OTHER);
        assertThat(one.json().get("schema").get("properties").has("currency")).isTrue();
        assertThat(http.get("/schemas", CRM).body()).contains(type);
    }

    @Test
    void onlyAPlatformKeyRegistersGlobalSchemasAndATenantSeesOnlyItsOwnAndGlobalOnes() {
        assertThat(register(ORDER_V1, null, CRM).status()).isEqualTo(403);
        assertThat(register(ORDER_V1, OTHER_TENANT, CRM).status()).isEqualTo(403);
        Reply own = register(ORDER_V1, TENANT, CRM);

        assertThat(own.status()).isEqualTo(201);
        assertThat(own.json().get("tenant_id").asText()).isEqualTo(TENANT);
        assertThat(http.get("/schemas/" + type + "/versions?tenant_id=" + TENANT, OTHER).status()).isEqualTo(403);
        assertThat(http.get("/schemas", OTHER).body()).doesNotContain(type);
        assertThat(http.get("/schemas", CRM).body()).contains(type);
        assertThat(http.get("/schemas?tenant_id=" + TENANT, PLATFORM).body()).contains(type);
    }

    @Test
    void anIncompatibleVersionIs409WithTheBreakingChangesAndIsNotRegistered() {
        register(ORDER_V1, TENANT, CRM);
        Reply refused = register("{\"type\":\"object\",\"required\":[\"customer\"],"
                + "\"properties\":{\"note\":{\"type\":\"integer\"},\"customer\":{\"type\":\"string\"}}}", TENANT, CRM);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("error").asText()).isEqualTo("incompatible_schema");
        assertThat(refused.json().get("breaking_changes")).hasSize(3);
        assertThat(refused.json().get("breaking_changes").toString()).contains("data.amount", "data.note",
                "data.customer");
        assertThat(http.get("/schemas/" + type + "/versions?tenant_id=" + TENANT, CRM).json().get("count").asInt())
                .isEqualTo(1);
    }

    @Test
    void theCompatibilityIsSetPerTypeAndNoneAcceptsABreakingVersion() {
        register(ORDER_V1, TENANT, CRM);
        Reply set = http.put("/schemas/" + type + "/compatibility",
                "{\"compatibility\": \"none\", \"tenant_id\": \"" + TENANT + "\"}", CRM);

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().get("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.get("/schemas/" + type + "/compatibility?tenant_id=" + TENANT, CRM).json()
                .get("compatibility").asText()).isEqualTo("NONE");
        assertThat(http.get("/schemas/" + type + "/compatibility", CRM).json().get("compatibility").asText())
                .isEqualTo("BACKWARD");
        assertThat(register("{\"type\":\"object\",\"required\":[\"other\"]}", TENANT, CRM).status()).isEqualTo(201);
        assertThat(http.put("/schemas/" + type + "/compatibility", "{\"compatibility\": \"FULL\"}", CRM).status())
                .isEqualTo(403);
    }

    @Test
    void publishedDataIsValidatedAgainstItsVersionWith422AndTheFailingPathAndNothingStored() {
        register(ORDER_V1, TENANT, CRM);

        assertThat(publish(TENANT, 1, "{\"amount\": 12.5}", CRM).status()).isEqualTo(201);
        Reply wrong = publish(TENANT, 1, "{\"amount\": \"twelve\"}", CRM);
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().get("error").asText()).isEqualTo("schema_validation_failed");
        assertThat(wrong.json().get("field").asText()).isEqualTo("data.amount");
        Reply unknownVersion = publish(TENANT, 4, "{\"amount\": 1}", CRM);
        assertThat(unknownVersion.status()).isEqualTo(422);
        assertThat(unknownVersion.json().get("field").asText()).isEqualTo("version");
        Reply batch = http.post("/events/publish", "{\"events\": [{\"event_type\":\"%s\",\"tenant_id\":\"%s\",\"data\":{\"amount\":1}},{\"event_type\":\"%s\",\"tenant_id\":\"%s\",\"data\":{}}]}"
                .formatted(type, TENANT, type, TENANT), CRM);
        assertThat(batch.status()).isEqualTo(422);
        assertThat(batch.json().get("field").asText()).isEqualTo("events[1].data");
        Reply history = http.post("/events/history", "{\"tenant_id\":\"%s\",\"event_types\":[\"%s\"]}"
                .formatted(TENANT, type), CRM);
        assertThat(history.json().get("count").asInt()).isEqualTo(1);
        // The other tenant has no schema of its own and there is no global one: anything passes.
        assertThat(publish(OTHER_TENANT, 3, "{\"amount\": \"twelve\"}", OTHER).status()).isEqualTo(201);
    }

    @Test
    void badInputIsAClear4xxAndChangesNothing() {
        assertThat(register("{\"type\":\"no-such-type\"}", TENANT, CRM).json().get("field").asText())
                .isEqualTo("schema");
        assertThat(register("[1]", TENANT, CRM).status()).isEqualTo(400);
        assertThat(http.post("/schemas/" + type + "/versions", "{\"tenant_id\":\"" + TENANT + "\"}", CRM)
                .json().get("error").asText()).isEqualTo("missing_field");
        assertThat(http.post("/schemas/" + type + "/versions", "{\"schema\":{}, \"colour\":1}", PLATFORM)
                .json().get("error").asText()).isEqualTo("unknown_field");
        assertThat(http.post("/schemas/" + type + "/versions", "{\"schema\":", PLATFORM).status()).isEqualTo(400);
        assertThat(http.post("/schemas/" + type + "/versions", "{\"schema\":{}, \"tenant_id\":\"nope\"}", PLATFORM)
                .json().get("field").asText()).isEqualTo("tenant_id");
        assertThat(http.post("/schemas/" + type + "/versions",
                "{\"schema\":{}, \"upcast\":[{\"op\":\"rename\",\"from\":\"a\"}]}", PLATFORM)
                .json().get("field").asText()).isEqualTo("upcast[0].to");
        assertThat(http.post("/schemas/Not_A_Type/versions", "{\"schema\":{}}", PLATFORM).status()).isEqualTo(400);
        assertThat(http.get("/schemas/" + type + "/versions/abc", PLATFORM).json().get("field").asText())
                .isEqualTo("version");
        assertThat(http.get("/schemas/" + type + "/versions/1", PLATFORM).status()).isEqualTo(404);
        assertThat(http.put("/schemas/" + type + "/compatibility", "{\"compatibility\":\"sideways\"}", PLATFORM)
                .json().get("field").asText()).isEqualTo("compatibility");
        assertThat(http.get("/schemas/" + type + "/versions", PLATFORM).json().get("count").asInt()).isZero();
        assertThat(http.get("/schemas/" + type + "/compatibility", PLATFORM).json().get("compatibility").asText())
                .isEqualTo("BACKWARD");
    }

    @Test
    void readersAskingForTheLatestVersionGetEventsUpcastByTheDeclaredStepsAndTheStoredEventIsUnchanged() {
        register("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}", TENANT, CRM);
        String eventId = publish(TENANT, 1, "{\"name\": \"Ada\"}", CRM).json().get("event_id").asText();
        Reply v2 = http.post("/schemas/" + type + "/versions", ("{\"tenant_id\": \"%s\", \"schema\": {\"type\":\"object\","
                + "\"properties\":{\"name\":{\"type\":\"string\"},\"full_name\":{\"type\":\"string\"},"
                + "\"currency\":{\"type\":\"string\"}}}, \"upcast\": [{\"op\":\"rename\",\"from\":\"name\","
                + "\"to\":\"full_name\"},{\"op\":\"add\",\"field\":\"currency\",\"default\":\"EUR\"}]}")
                .formatted(TENANT), CRM);
        assertThat(v2.status()).as(v2.body()).isEqualTo(201);

        var latest = http.get("/events/" + TENANT + "/" + eventId + "?schema_version=latest", CRM).json();
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("data").toString()).isEqualTo("{\"full_name\":\"Ada\",\"currency\":\"EUR\"}");
        var stored = http.get("/events/" + TENANT + "/" + eventId, CRM).json();
        assertThat(stored.get("version").asInt()).isEqualTo(1);
        assertThat(stored.get("data").toString()).isEqualTo("{\"name\":\"Ada\"}");
        var history = http.post("/events/history", "{\"tenant_id\":\"%s\",\"event_types\":[\"%s\"],\"schema_version\":\"latest\"}"
                .formatted(TENANT, type), CRM).json();
        assertThat(history.get("events").get(0).get("data").get("full_name").asText()).isEqualTo("Ada");
        assertThat(http.post("/events/history", "{\"tenant_id\":\"%s\",\"schema_version\":\"oldest\"}"
                .formatted(TENANT), CRM).json().get("field").asText()).isEqualTo("schema_version");
    }
}

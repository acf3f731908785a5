package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The server on {@code EVENTBUS_STORE=postgres}: history and subscriptions survive a restart of
 * the server, and health reports the database.
 */
class PostgresStoreIT {

    static Map<String, String> environment(String schema) {
        return Map.of(
                "EVENTBUS_SERVICE_PORT", "0",
                "EVENTBUS_STORE", "postgres",
                "EVENTBUS_POSTGRES_HOST", "127.0.0.1",
                "EVENTBUS_POSTGRES_USER", "postgres",
                "EVENTBUS_POSTGRES_PASSWORD", "unused-with-trust-auth",
                "EVENTBUS_POSTGRES_DB", "test",
                "EVENTBUS_POSTGRES_SCHEMA", schema);
    }

    @Test
    void historyAndSubscriptionsSurviveARestartOfTheServer() {
        ServiceCheck.requireReachable("postgres");
        String schema = "server_it_" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = UUID.randomUUID().toString();
        String eventId;
        String subscriptionId;
        try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(environment(schema)))) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + server.port());
            Reply published = http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \""
                    + tenant + "\", \"data\": {\"email\": \"a@example.com\"}}");
            assertThat(published.status()).isEqualTo(201);
            eventId = published.json().get("event_id").asText();
            Reply subscribed = http.post("/events/subscribe",
                    "{\"event_type\": \"lead.*\", \"service_name\": \"crm\", \"tenant_id\": \"" + tenant + "\"}");
            assertThat(subscribed.status()).isEqualTo(201);
            subscriptionId = subscribed.json().get("subscription_id").asText();
            assertThat(http.get("/health").json().get("components").get("event_store").get("status").asText())
                    .isEqualTo("healthy");
        }

        try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(environment(schema)))) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + server.port());
            Reply history = http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}");
            assertThat(history.json().get("events")).hasSize(1);
            assertThat(history.json().get("events").get(0).get("id").asText()).isEqualTo(eventId);
            assertThat(http.get("/subscriptions/" + subscriptionId).status()).isEqualTo(200);
        } finally {
            dropSchema(schema);
        }
    }

    @Test
    void aNulCharacterIsRefusedAtValidationWithoutTheDatabasesText() {
        ServiceCheck.requireReachable("postgres");
        String schema = "server_it_" + UUID.randomUUID().toString().substring(0, 8);
        String tenant = UUID.randomUUID().toString();
        try (RunningServer server = EventBusServer.start(ServerConfig.fromEnvironment(environment(schema)))) {
            TestHttp http = new TestHttp("http://127.0.0.1:" + server.port());
            Reply inData = http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \""
                    + tenant + "\", \"data\": {\"email\": \"a\\u0000@example.com\"}}");
            Reply inSubject = http.post("/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \""
                    + tenant + "\", \"subject\": \"lead\\u0000\"}");

            assertThat(inData.status()).isEqualTo(400);
            assertThat(inData.json().get("error").asText()).isEqualTo("invalid_character");
            assertThat(inData.json().get("field").asText()).isEqualTo("data.email");
            assertThat(inSubject.json().get("error").asText()).isEqualTo("invalid_character");
            assertThat(inData.body() + inSubject.body()).doesNotContainIgnoringCase("unicode escape")
                    .doesNotContainIgnoringCase("postgres").doesNotContain("0x00").doesNotContain("SQL");
            assertThat(http.post("/events/history", "{\"tenant_id\": \"" + tenant + "\"}").json().get("count").asInt())
                    .isZero();
        } finally {
            dropSchema(schema);
        }
    }

    static void dropSchema(String schema) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError("could not drop test schema " + schema, e);
        }
    }
}

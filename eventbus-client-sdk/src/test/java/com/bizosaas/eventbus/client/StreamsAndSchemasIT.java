package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SDK's event-sourced streams and schema registry calls against the real server. */
class StreamsAndSchemasIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private final UUID tenant = UUID.randomUUID();
    private final String type = "invoice.issued_" + Long.toHexString(System.nanoTime());

    private static JsonNode json(String text) {
        try {
            return WireJson.reader().readTree(text.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private PublishRequest event(String eventType, int amount) {
        return PublishRequest.builder(eventType, tenant).data(Map.of("amount", amount)).build();
    }

    @Test
    void aStreamIsAppendedWithAnExpectedVersionAndReadBack() {
        EventBusClient client = SERVER.client("ledger");
        String stream = "invoice-" + UUID.randomUUID();

        StreamAppended first = client.appendToStream(tenant, stream, 0,
                List.of(event("invoice.opened", 1), event("invoice.paid", 2)));
        assertThat(first.version()).isEqualTo(2);
        assertThat(first.events()).extracting(Event::subject).containsOnly(stream);

        assertThatThrownBy(() -> client.appendToStream(tenant, stream, 1, List.of(event("invoice.paid", 3))))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.code()).isEqualTo("wrong_expected_version");
                    assertThat(e.currentVersion()).isEqualTo(2L);
                });
        assertThat(client.readStream(tenant, stream, 2)).extracting(Event::eventType)
                .containsExactly("invoice.paid");
        assertThat(client.readStream(tenant, stream, 1)).hasSize(2);
    }

    @Test
    void schemasAreRegisteredReadAndEnforced() {
        EventBusClient client = SERVER.client("billing");
        JsonNode v1 = json("{'type':'object','required':['amount'],'properties':{'amount':{'type':'integer'}}}");

        assertThat(client.registerSchema(type, tenant, v1, null).get("version").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> client.registerSchema(type, tenant,
                json("{'type':'object','properties':{'amount':{'type':'string'}}}"), null))
                .isInstanceOfSatisfying(ConflictException.class,
                        e -> assertThat(e.breakingChanges()).singleElement().asString().startsWith("data.amount"));
        assertThat(client.setSchemaCompatibility(type, tenant, "FULL").get("compatibility").asText())
                .isEqualTo("FULL");
        assertThat(client.schemaVersions(type, tenant).get("count").asInt()).isEqualTo(1);
        assertThat(client.schemaVersion(type, 1, tenant).get("schema")).isEqualTo(v1);
        assertThat(client.schemas(tenant).toString()).contains(type);

        assertThat(client.publish(event(type, 5)).duplicate()).isFalse();
        assertThatThrownBy(() -> client.publish(PublishRequest.builder(type, tenant).data(Map.of("amount", "five"))
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.field()).isEqualTo("data.amount");
                });
    }
}

package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hand-written OpenAPI document and the routes Javalin really serves describe the same API. */
class OpenApiIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    @Test
    void everyRegisteredRouteIsDocumentedAndEveryDocumentedRouteExists() {
        List<String> routes = SERVER.server().routes();
        List<String> documented = documentedOperations(SERVER.http().get("/openapi.json").json());

        assertThat(routes).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void everyDocumentedOperationHasASummaryAndResponses() {
        JsonNode paths = SERVER.http().get("/openapi.json").json().get("paths");

        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey() + " " + path.getKey();
            assertThat(operation.getValue().path("summary").asText()).as(name).isNotBlank();
            assertThat(operation.getValue().path("responses").size()).as(name).isPositive();
        }));
    }

    @Test
    void theDocsPageLinksToTheConsoleWhichIsServedFromTheJar() {
        assertThat(SERVER.http().get("/docs").body()).contains("href=\"/console/\"");
        TestHttp.Reply console = SERVER.http().get("/console/");
        assertThat(console.status()).isEqualTo(200);
        assertThat(console.body()).contains("<script type=\"module\" src=\"js/app.js\">");
        assertThat(SERVER.http().get("/console/js/app.js").status()).isEqualTo(200);
    }

    private static List<String> documentedOperations(JsonNode doc) {
        List<String> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                operations.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        return operations;
    }
}

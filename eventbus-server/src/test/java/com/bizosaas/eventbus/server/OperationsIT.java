package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Probes, the API documentation pages and their bundled assets. */
class OperationsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final TestHttp http = SERVER.http();

    @Test
    void livenessAndReadinessAnswerOkWhenEverythingIsHealthy() {
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        Reply ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("healthy");
    }

    @Test
    void swaggerUiIsServedWithItsBundledAssets() {
        Reply page = http.get("/docs");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        String script = between(page.body(), "<script src=\"", "\"");
        String css = between(page.body(), "<link rel=\"stylesheet\" href=\"", "\"");
        assertThat(script).startsWith("/webjars/swagger-ui/");
        assertThat(http.get(script).status()).isEqualTo(200);
        assertThat(http.get(css).status()).isEqualTo(200);
        assertThat(page.body()).contains("/openapi.json");
    }

    @Test
    void redocIsServedWithItsBundledScript() {
        Reply page = http.get("/redoc");

        assertThat(page.status()).isEqualTo(200);
        String script = between(page.body(), "<script src=\"", "\"");
        assertThat(script).startsWith("/webjars/redoc/");
        Reply bundle = http.get(script);
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.body()).contains("Redoc");
    }

    @Test
    void theOpenApiDocumentIsJson() {
        Reply doc = http.get("/openapi.json");

        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.json().get("openapi").asText()).startsWith("3.");
        assertThat(doc.json().get("info").get("version").asText()).isEqualTo("1.0.0");
    }

    @Test
    void httpRequestsAreCountedByRoutePatternNotByRawPath() {
        String id = UUID.randomUUID().toString();
        http.get("/subscriptions/" + id);

        String metrics = http.get("/metrics").body();

        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"404\"[^}]*uri=\"/subscriptions/\\{id}\"");
        assertThat(metrics).doesNotContain(id);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as("'" + start + "' in the page").isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }
}

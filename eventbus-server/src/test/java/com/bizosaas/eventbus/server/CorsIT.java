package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code EVENTBUS_CORS_ORIGINS}: no CORS headers by default, the listed origins only, any origin only for {@code *}. */
class CorsIT {
    private static final String ALLOWED = "https://console.example.com";
    private static final String REFUSED = "https://evil.example.net";

    @RegisterExtension
    static final ServerExtension DEFAULT = ServerExtension.withDefaults();
    @RegisterExtension
    static final ServerExtension LISTED = ServerExtension.withEnvironment(
            Map.of("EVENTBUS_CORS_ORIGINS", ALLOWED + ", http://localhost:3000"));
    @RegisterExtension
    static final ServerExtension ANY = ServerExtension.withEnvironment(Map.of("EVENTBUS_CORS_ORIGINS", "*"));

    @Test
    void byDefaultNoOriginGetsCorsHeaders() {
        assertThat(simple(DEFAULT, ALLOWED).header("Access-Control-Allow-Origin")).isNull();
        Reply preflight = preflight(DEFAULT, ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();
    }

    @Test
    void aListedOriginMayCallTheApi() {
        Reply simple = simple(LISTED, ALLOWED);
        assertThat(simple.status()).isEqualTo(200);
        assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(simple(LISTED, "http://localhost:3000").header("Access-Control-Allow-Origin"))
                .isEqualTo("http://localhost:3000");

        Reply preflight = preflight(LISTED, ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
    }

    @Test
    void anOriginNotListedGetsNoCorsHeaders() {
        assertThat(simple(LISTED, REFUSED).header("Access-Control-Allow-Origin")).isNull();
        // Javalin still lists the methods; without Allow-Origin the browser refuses the call all the same.
        assertThat(preflight(LISTED, REFUSED).header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aStarAllowsEveryOrigin() {
        assertThat(simple(ANY, REFUSED).header("Access-Control-Allow-Origin")).isIn("*", REFUSED);
        assertThat(preflight(ANY, REFUSED).header("Access-Control-Allow-Origin")).isIn("*", REFUSED);
    }

    private static Reply simple(ServerExtension server, String origin) {
        TestHttp http = server.http();
        return http.send(http.request("/health/live", "Origin", origin).GET());
    }

    private static Reply preflight(ServerExtension server, String origin) {
        TestHttp http = server.http();
        return http.send(http.request("/events", "Origin", origin, "Access-Control-Request-Method", "POST",
                        "Access-Control-Request-Headers", "content-type,x-api-key")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }
}

package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.RawHttp.Response;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests refused by the web server itself, before any route runs, still get the JSON error
 * shape ({@code error}, {@code message}), never an HTML page.
 */
class ProtocolErrorsIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("a bad percent-encoding in the path",
                        "GET /subscriptions/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("an encoded NUL in the path",
                        "GET /subscriptions/a%00b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("an encoded slash in the path",
                        "GET /subscriptions/a%2Fb HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("an encoded dot segment in the path",
                        "GET /events/%2e%2e/%2e%2e/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("a malformed chunk in the body",
                        "POST /events/publish HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", 400),
                Arguments.of("a NUL in a header value",
                        "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Trace: a\u0000b\r\nConnection: close\r\n\r\n", 400),
                Arguments.of("a URI over the limit (414)",
                        "GET /health/live?pad=" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        414),
                Arguments.of("headers over the limit (431)",
                        "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(20_000)
                                + "\r\nConnection: close\r\n\r\n", 431),
                Arguments.of("a request line that is not HTTP",
                        "HELLO\r\n\r\n", 400),
                Arguments.of("a Content-Length that is not a number",
                        "POST /events/publish HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                + "Content-Length: lots\r\nConnection: close\r\n\r\n{}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRequests")
    void aRequestTheWebServerRefusesGetsAJsonError(String name, String request, int status) {
        Response response = RawHttp.exchange(SERVER.server().port(), request);

        assertThat(response.status()).as(response.headers() + response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.body()).startsWith("application/json");
        JsonNode error = response.json();
        assertThat(error.get("error").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
    }
}

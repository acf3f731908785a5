package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.server.RawHttp.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A body that does not arrive in full within EVENTBUS_REQUEST_READ_TIMEOUT_MS is answered 408, as JSON. */
class RequestReadTimeoutIT {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_REQUEST_READ_TIMEOUT_MS", "500"));

    @Test
    void aBodyThatNeverCompletesIsAnswered408AndTheConnectionClosed() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", SERVER.server().port()), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /events/publish HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"event_type\"")
                    .getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();

            Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).as(response.body()).isEqualTo(408);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertThat(response.json().get("error").asText()).isEqualTo("request_timeout");
            assertThat(response.json().get("message").asText()).contains("EVENTBUS_REQUEST_READ_TIMEOUT_MS");
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
    }
}

package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bizosaas.eventbus.contract.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * A client that disconnects in the middle of its upload did nothing the server must answer for:
 * no 5xx in the request metrics and at most one WARN line, without a stack trace, however many
 * do it.
 */
class ClientDisconnectIT {
    private static final int ABORTED_UPLOADS = 25;

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withDefaults();

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLogs() {
        logged.start();
        root.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logged);
    }

    @Test
    void uploadsCutShortByTheirClientsAreNeither5xxNorStackTraces() {
        for (int i = 0; i < ABORTED_UPLOADS; i++) {
            abortUpload();
        }

        Await.until("the server noticed an aborted upload", () -> !problems().isEmpty());
        // A later, complete request on the same server shows every earlier one has been handled.
        assertThat(SERVER.http().get("/health/live").status()).isEqualTo(200);
        String metrics = SERVER.http().get("/metrics").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count"))
                .filter(l -> l.contains("status=\"5"))).as(metrics).isEmpty();
        List<ILoggingEvent> problems = problems();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(problems.get(0).getThrowableProxy()).as("a stack trace").isNull();
    }

    /** WARN and worse, from anywhere. */
    private List<ILoggingEvent> problems() {
        return List.copyOf(logged.list).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    /** Declares a 2,000-byte event, sends part of it, and hangs up. */
    private static void abortUpload() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", SERVER.server().port()), 5_000);
            socket.getOutputStream().write(("POST /events/publish HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000\r\n\r\n"
                    + "{\"event_type\": \"lead.created\", \"data\": {\"note\": \"").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

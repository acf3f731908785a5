package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A server without API keys says once, as a warning, that it runs open. */
class OpenModeWarningIT {
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger serverLog = (Logger) LoggerFactory.getLogger(EventBusServer.class);

    @BeforeEach
    void captureLogs() {
        logged.start();
        serverLog.addAppender(logged);
    }

    @AfterEach
    void stopCapturing() {
        serverLog.detachAppender(logged);
    }

    @Test
    void aServerWithoutApiKeysWarnsOnceThatItRunsOpen() {
        try (RunningServer ignored = start(Map.of())) {
            List<ILoggingEvent> warnings = warnings();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("Running open (development mode)").contains("EVENTBUS_API_KEYS");
        }
    }

    @Test
    void aServerWithApiKeysDoesNotWarn() {
        try (RunningServer ignored = start(Map.of("EVENTBUS_API_KEYS", "secret-key:*"))) {
            assertThat(warnings()).isEmpty();
        }
    }

    private static RunningServer start(Map<String, String> env) {
        Map<String, String> withPort = new HashMap<>(env);
        withPort.put("EVENTBUS_SERVICE_PORT", "0");
        return EventBusServer.start(ServerConfig.fromEnvironment(withPort));
    }

    private List<ILoggingEvent> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }
}

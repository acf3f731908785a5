package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.server.internal.HttpApi;
import com.bizosaas.eventbus.server.internal.LogSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable event bus service: reads {@link ServerConfig} from the environment, builds the bus
 * from the configured {@link Components}, and serves the HTTP API until the process is stopped.
 * Exits with status 2 and a message naming the variable when the configuration is invalid, and
 * with status 1 when the server cannot start (port taken, a backing service down).
 */
public final class EventBusServer {
    private static final Logger LOG = LoggerFactory.getLogger(EventBusServer.class);
    private static final int EXIT_BAD_CONFIGURATION = 2;
    private static final int EXIT_START_FAILED = 1;

    private EventBusServer() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        RunningServer server;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
            LogSettings.apply(config.debug());
            server = start(config);
        } catch (ValidationException | IllegalArgumentException e) {
            // Adapter config classes (KafkaConfig, ...) report a bad EVENTBUS_* value as IllegalArgumentException.
            System.err.println("eventbus-server: invalid configuration: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        } catch (RuntimeException e) {
            LOG.error("The event bus failed to start", e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down");
            server.close();
        }, "eventbus-shutdown"));
    }

    /** Starts the bus and the HTTP server on {@code config.port()} (0 = a free port). */
    public static RunningServer start(ServerConfig config) {
        EventBus bus = Components.builder(config)
                .defaultMaxAttempts(config.maxRetryAttempts())
                .webhookTimeout(config.webhookTimeout())
                .pullLease(config.pullLease())
                .eventTtl(java.time.Duration.ofDays(config.eventTtlDays()))
                .build()
                .start();
        HttpApi http = null;
        try {
            http = HttpApi.create(bus, config);
            int port = http.start(config.port());
            LOG.info("Event bus listening on port {} (store {}, broker {}, API keys {})", port,
                    config.store(), config.broker(), config.apiKeys().isEnabled() ? "required" : "off");
            return new RunningServer(http, bus, port);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            bus.close();
            throw e;
        }
    }
}

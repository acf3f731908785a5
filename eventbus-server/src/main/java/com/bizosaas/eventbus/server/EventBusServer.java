package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.server.internal.HttpApi;
import com.bizosaas.eventbus.server.internal.WorkflowFile;
import java.time.Clock;
import com.bizosaas.eventbus.server.internal.LogSettings;
import java.time.Duration;
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
    /** What a process ended by SIGTERM reports (128 + 15), as the JVM does after a finished shutdown. */
    private static final int EXIT_SHUTDOWN_OVERDUE = 143;

    private EventBusServer() {
    }

    public static void main(String[] args) {
        ServerConfig config;
        RunningServer server;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
            LogSettings.apply(config.debug());
            server = start(config);
        } catch (ValidationException e) {
            // ServerConfig and the adapters' configs (KafkaConfig, ...) all report a bad EVENTBUS_* value
            // as a ConfigurationException, a ValidationException naming the variable.
            System.err.println("eventbus-server: invalid configuration: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        } catch (RuntimeException e) {
            LOG.error("The event bus failed to start", e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down gracefully (at most {} ms)", config.shutdownTimeout().toMillis());
            haltAfter(config.shutdownTimeout());
            server.shutdown(config.shutdownTimeout());
            LOG.info("Shut down");
        }, "eventbus-shutdown"));
    }

    /** Bounds the shutdown: orchestrators kill a pod that overstays its grace period anyway, with less said. */
    private static void haltAfter(Duration timeout) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.error("Shutdown did not finish within {} ms (EVENTBUS_SHUTDOWN_TIMEOUT_MS); halting", timeout.toMillis());
            Runtime.getRuntime().halt(EXIT_SHUTDOWN_OVERDUE);
        }, "eventbus-shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Starts the bus and the HTTP server on {@code config.port()} (0 = a free port). */
    public static RunningServer start(ServerConfig config) {
        AgentSettings agentSettings = AgentSettings.fromEnvironment(config.environment());
        Components.Assembly components = Components.assemble(config);
        EventBus.Builder builder = components.bus();
        if (config.rateLimit() != null) {
            builder.rateLimit(config.rateLimit());
        }
        EventBus bus = builder.defaultMaxAttempts(config.maxRetryAttempts())
                .webhookTimeout(config.webhookTimeout())
                .webhookDenyPrivate(config.webhookDenyPrivate())
                .pullLease(config.pullLease())
                .eventTtl(Duration.ofDays(config.eventTtlDays()))
                .circuitPolicy(config.circuitPolicy())
                .build()
                .start();
        HttpApi http = null;
        AgentCoordinator agents = null;
        try {
            agents = AgentCoordinator.start(bus, components.coordination(), agentSettings.coordinatorSettings());
            if (agentSettings.workflowsFile() != null) {
                WorkflowFile.read(agentSettings.workflowsFile(), Clock.systemUTC()).forEach(agents::saveRule);
            }
            http = HttpApi.create(bus, agents, config, components.apiKeys(), components.auditLog());
            int port = http.start(config.port());
            LOG.info("Event bus listening on port {}: {}; API keys {}; console http://localhost:{}/console, "
                            + "API docs http://localhost:{}/docs", port, config.componentsChoice(),
                    config.apiKeys().isEnabled() ? "required" : "off", port, port);
            if (!config.apiKeys().isEnabled()) {
                LOG.warn("Running open (development mode): {} is unset, so any caller may act for any tenant;"
                        + " set it before exposing this server", ApiKeys.VARIABLE);
            }
            return new RunningServer(http, agents, bus, components.coordination(), port);
        } catch (RuntimeException e) {
            if (http != null) {
                http.close();
            }
            if (agents != null) {
                agents.close();
            }
            bus.close();
            components.coordination().close();
            throw e;
        }
    }
}

package com.bizosaas.eventbus.server;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real server in-process on a free port (in-memory store and broker) before a test
 * class, and stops it after. Register with {@code @RegisterExtension static final ServerExtension
 * SERVER = ServerExtension.withDefaults();} and talk to it through {@link #http()}.
 */
final class ServerExtension implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> environment;
    private RunningServer server;
    private TestHttp http;

    private ServerExtension(Map<String, String> environment) {
        this.environment = environment;
    }

    static ServerExtension withDefaults() {
        return withEnvironment(Map.of());
    }

    /** {@code EVENTBUS_*} variables on top of the defaults; the port is always a free one. */
    static ServerExtension withEnvironment(Map<String, String> environment) {
        return new ServerExtension(environment);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("EVENTBUS_SERVICE_PORT", "0");
        server = EventBusServer.start(ServerConfig.fromEnvironment(env));
        http = new TestHttp("http://127.0.0.1:" + server.port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
    }

    TestHttp http() {
        return http;
    }

    RunningServer server() {
        return server;
    }
}

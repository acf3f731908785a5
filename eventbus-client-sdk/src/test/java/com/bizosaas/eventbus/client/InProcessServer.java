package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.server.EventBusServer;
import com.bizosaas.eventbus.server.RunningServer;
import com.bizosaas.eventbus.server.ServerConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real event bus server (in-memory store and broker) on a free loopback port for a
 * test class, and hands tests SDK clients pointed at it, closed after each test. Register as a
 * static {@code @RegisterExtension} field.
 */
final class InProcessServer implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
    /** Short, so that an unacknowledged event visibly comes back within a test. */
    static final Duration PULL_LEASE = Duration.ofSeconds(2);

    private final Map<String, String> environment = new HashMap<>();
    private final List<EventBusClient> clients = new CopyOnWriteArrayList<>();
    private RunningServer server;

    InProcessServer() {
        environment.put("EVENTBUS_SERVICE_PORT", "0");
        environment.put("EVENTBUS_PULL_LEASE_MS", Long.toString(PULL_LEASE.toMillis()));
    }

    /** A server with one more {@code EVENTBUS_*} setting. */
    InProcessServer with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EventBusServer.start(ServerConfig.fromEnvironment(environment));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        clients.forEach(EventBusClient::close);
        clients.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A client of {@code serviceName} with quick retries and long-polls, closed after the test. */
    EventBusClient client(String serviceName) {
        return client(configFor(url(), serviceName));
    }

    EventBusClient client(EventBusClientConfig.Builder config) {
        EventBusClient client = EventBusClient.create(config.build());
        clients.add(client);
        return client;
    }

    static EventBusClientConfig.Builder configFor(String url, String serviceName) {
        return EventBusClientConfig.builder(url, serviceName)
                .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .pollWait(Duration.ofSeconds(2));
    }
}

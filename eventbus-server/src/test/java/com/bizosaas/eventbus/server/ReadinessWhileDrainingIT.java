package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.CoordinatorSettings;
import com.bizosaas.eventbus.memory.InMemoryCoordinationStore;
import com.bizosaas.eventbus.server.internal.HttpApi;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first step of a graceful shutdown: readiness fails, so traffic moves away, while liveness and health hold. */
class ReadinessWhileDrainingIT {
    private EventBus bus;
    private HttpApi api;
    private AgentCoordinator agents;
    private TestHttp http;

    @BeforeEach
    void start() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        bus = Components.builder(config).build().start();
        agents = AgentCoordinator.start(bus, new InMemoryCoordinationStore(), CoordinatorSettings.DEFAULTS);
        api = HttpApi.create(bus, agents, config);
        http = new TestHttp("http://127.0.0.1:" + api.start(0));
    }

    @AfterEach
    void stop() {
        api.close();
        agents.close();
        bus.close();
    }

    @Test
    void readinessTurns503WhenDrainingBegins() {
        assertThat(http.get("/health/ready").status()).isEqualTo(200);

        api.drain();

        TestHttp.Reply ready = http.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("status").asText()).isEqualTo("shutting_down");
        assertThat(http.get("/health/live").status()).isEqualTo(200);
        assertThat(http.get("/health").status()).isEqualTo(200);
    }
}

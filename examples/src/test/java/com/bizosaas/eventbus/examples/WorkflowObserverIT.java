package com.bizosaas.eventbus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventBusClientConfig;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.server.EventBusServer;
import com.bizosaas.eventbus.server.RunningServer;
import com.bizosaas.eventbus.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo's verdict: a step whose event never appears is reported missing, others in order as seen. */
class WorkflowObserverIT {
    private static RunningServer server;
    private static EventBusClient client;

    private final UUID tenant = UUID.randomUUID();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() {
        server = EventBusServer.start(ServerConfig.fromEnvironment(Map.of("EVENTBUS_SERVICE_PORT", "0")));
        client = EventBusClient.create(EventBusClientConfig.builder("http://127.0.0.1:" + server.port(), "test").build());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    @Test
    void aStepWhoseEventNeverAppearsIsReportedMissing() throws Exception {
        List<WorkflowStep> steps = WorkflowStep.CAMPAIGN_OPTIMIZATION_STEPS;
        steps.subList(0, 5).forEach(step -> publish(step.eventType(), step.sourceService(), "run-1"));
        WorkflowObserver observer = observer();
        observer.expect("run-1", steps);

        List<WorkflowStep> missing = observer.awaitAll(Duration.ofSeconds(2));

        assertThat(missing).containsExactly(steps.get(5));
        assertThat(printed()).contains("ok  " + steps.get(4).label()).doesNotContain(steps.get(5).label());
    }

    @Test
    void eventsOfAnotherWorkflowRunOrServiceDoNotCount() throws Exception {
        WorkflowStep first = WorkflowStep.LEAD_PROCESSING_STEPS.get(0);
        publish(first.eventType(), first.sourceService(), "another-run");
        publish(first.eventType(), "not-the-crm", "run-2");
        WorkflowObserver observer = observer();
        observer.expect("run-2", List.of(first));

        assertThat(observer.awaitAll(Duration.ofSeconds(1))).containsExactly(first);
    }

    @Test
    void everyStepSeenMeansNothingIsMissing() throws Exception {
        WorkflowStep.LEAD_PROCESSING_STEPS.forEach(step -> publish(step.eventType(), step.sourceService(), "run-3"));
        WorkflowObserver observer = observer();
        observer.expect("run-3", WorkflowStep.LEAD_PROCESSING_STEPS);

        assertThat(observer.awaitAll(Duration.ofSeconds(10))).isEmpty();
        assertThat(printed().lines().filter(line -> line.startsWith("  ok  "))).hasSize(6);
    }

    private WorkflowObserver observer() {
        return new WorkflowObserver(client, tenant, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private void publish(String type, String source, String correlationId) {
        client.publish(PublishRequest.builder(type, tenant).sourceService(source).correlationId(correlationId).build());
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}

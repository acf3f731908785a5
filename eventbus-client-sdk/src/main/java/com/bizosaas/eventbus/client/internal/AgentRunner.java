package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.AgentOptions;
import com.bizosaas.eventbus.client.AgentTaskHandler;
import com.bizosaas.eventbus.client.AgentWorker;
import com.bizosaas.eventbus.client.AssignedTask;
import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventHandler;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.ReceivedEvent;
import com.bizosaas.eventbus.client.Subscription;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent registered through {@code POST /agents}: heartbeats on its own daemon thread, and for a
 * pull agent with a handler, a pull loop on its subscription whose workers (as many as its
 * capacity) run the handler and report the result. Results are published with an idempotency
 * key per task, agent and attempt, so a retried report is stored once. Thread-safe.
 */
final class AgentRunner implements AgentWorker {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);
    static final String TASK_ASSIGNED = "agent.task_assigned";

    private final EventBusClient client;
    private final HttpTransport transport;
    private final UUID id;
    private final UUID subscriptionId;
    private final String webhookSecret;
    private final String serviceName;
    private final ScheduledExecutorService heartbeats;
    private final AtomicBoolean closed = new AtomicBoolean();
    private Subscription pulling;

    AgentRunner(EventBusClient client, HttpTransport transport, JsonNode registration, String serviceName,
                AgentOptions options) {
        this.client = client;
        this.transport = transport;
        this.id = UUID.fromString(registration.get("id").asText());
        this.subscriptionId = UUID.fromString(registration.get("subscription_id").asText());
        this.webhookSecret = registration.path("webhook_secret").asText(null);
        this.serviceName = serviceName;
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventbus-agent-heartbeat-" + id);
            t.setDaemon(true);
            return t;
        });
        long every = options.heartbeatInterval().toMillis();
        heartbeats.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Starts pulling tasks into {@code handler}: {@code consumer} starts a pull loop on the agent's subscription. */
    void pull(AgentTaskHandler handler, Function<EventHandler, Subscription> consumer) {
        pulling = consumer.apply(received -> run(handler, received));
    }

    private void run(AgentTaskHandler handler, ReceivedEvent received) {
        if (!TASK_ASSIGNED.equals(received.event().eventType())) {
            return; // agent.task_canceled, or the coordinator's own agent.task_failed: nothing to do here
        }
        AssignedTask task = AssignedTask.of(received.event());
        started(task);
        Object results;
        try {
            results = handler.handle(task);
        } catch (Exception e) {
            fail(task, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        complete(task, results);
    }

    private void heartbeat() {
        try {
            transport.execute(transport.newCall("POST", "agents/" + id + "/heartbeat", Map.of()));
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat of agent {} failed; trying again: {}", id, e.toString());
        }
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public UUID subscriptionId() {
        return subscriptionId;
    }

    @Override
    public String webhookSecret() {
        return webhookSecret;
    }

    @Override
    public void started(AssignedTask task) {
        report(task, "ai.analysis_started", JsonNodeFactory.instance.objectNode(), "started");
    }

    @Override
    public void complete(AssignedTask task, Object results) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.set("results", results == null ? JsonNodeFactory.instance.objectNode() : WireJson.toTree(results));
        report(task, "agent.task_completed", data, "completed");
    }

    @Override
    public void fail(AssignedTask task, String reason) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("reason", reason);
        report(task, "agent.task_failed", data, "failed");
    }

    private void report(AssignedTask task, String type, ObjectNode data, String what) {
        data.put("task_id", task.taskId().toString());
        data.put("agent_id", id.toString());
        data.put("analysis_type", task.analysisType());
        // The workflow's correlation id, so the report sits in its workflow's history; data.task_id names the task.
        String correlation = task.event().data().path("correlation_id").asText(task.taskId().toString());
        client.publish(PublishRequest.builder(type, task.tenantId()).sourceService(serviceName)
                .correlationId(correlation).causationId(task.event().id().toString()).data(data)
                .idempotencyKey("agent:" + id + ":" + task.taskId() + ":" + task.attempt() + ":" + what).build());
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (pulling != null) {
            pulling.close();
        }
        heartbeats.shutdownNow();
        try {
            transport.execute(transport.newCall("DELETE", "agents/" + id, null));
        } catch (RuntimeException e) {
            LOG.warn("Deregistering agent {} failed; it will be marked gone when its heartbeats stop: {}", id,
                    e.toString());
        }
    }
}

package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.EventPublisher;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * Publishes the coordinator's decisions as ordinary events in the tenant's history. Each carries
 * an idempotency key naming the decision (task, what, attempt), so a decision published again
 * after a crash or a redelivered trigger is stored once. Thread-safe.
 */
final class CoordinatorEvents {
    static final String TASK_CANCELED = "agent.task_canceled";

    private final EventPublisher bus;
    private final String source;

    CoordinatorEvents(EventPublisher bus, String source) {
        this.bus = bus;
        this.source = source;
    }

    String source() {
        return source;
    }

    /** agent.task_assigned, addressed to the agent's service; the task id is the correlation id. */
    void assigned(AgentTask task, AnalysisRequest request) {
        ObjectNode data = taskData(task);
        data.put("service_name", task.serviceName());
        data.put("attempt", task.attempt());
        data.put("max_attempts", task.maxAttempts());
        data.put("deadline", task.dueAt().toString());
        data.put("correlation_id", request.correlationId());
        data.set("input", task.input());
        publish(toAgent(task, EventTypes.AGENT_TASK_ASSIGNED, data)
                .idempotencyKey(key(task, "assigned:" + task.attempt())).build());
    }

    /**
     * agent.task_canceled: addressed to the agent that held the task ({@code heldBy}, its service
     * {@code heldByService}) so it can stop, or to nobody when no agent held it.
     */
    void canceled(AgentTask task, String heldByService, UUID heldBy, String reason) {
        ObjectNode data = taskData(task);
        data.remove("agent_id");
        if (heldBy != null) {
            data.put("agent_id", heldBy.toString());
        }
        data.put("reason", reason);
        Event.Builder event = Event.builder().type(TASK_CANCELED).tenant(task.tenantId()).source(source)
                .correlationId(task.id().toString()).causationId(task.requestId().toString()).data(data)
                .idempotencyKey(key(task, "canceled:" + heldBy + ":" + task.attempt()));
        if (heldByService != null) {
            event.targetServices(List.of(heldByService));
        }
        publish(event.build());
    }

    /** agent.task_failed when the coordinator gives a task up (no agent, deadlines missed). */
    void failed(AgentTask task) {
        ObjectNode data = taskData(task);
        data.put("reason", task.error());
        data.put("attempts", task.attempt());
        publish(Event.builder().type(EventTypes.AGENT_TASK_FAILED).tenant(task.tenantId()).source(source)
                .correlationId(task.id().toString()).causationId(task.requestId().toString()).data(data)
                .idempotencyKey(key(task, "failed")).build());
    }

    /** ai.analysis_completed or ai.analysis_failed with the request's outcome. */
    void decided(AnalysisRequest request) {
        String type = request.status() == RequestStatus.COMPLETED ? EventTypes.AI_ANALYSIS_COMPLETED
                : EventTypes.AI_ANALYSIS_FAILED;
        publish(Event.builder().type(type).tenant(request.tenantId()).source(source)
                .correlationId(request.correlationId()).causationId(request.id().toString())
                .data(request.outcome())
                .idempotencyKey("agents:request:" + request.id() + ":" + request.status().wireName()).build());
    }

    private Event.Builder toAgent(AgentTask task, String type, ObjectNode data) {
        return Event.builder().type(type).tenant(task.tenantId()).source(source)
                .correlationId(task.id().toString()).causationId(task.requestId().toString())
                .targetServices(List.of(task.serviceName())).data(data);
    }

    private static ObjectNode taskData(AgentTask task) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("task_id", task.id().toString());
        data.put("request_id", task.requestId().toString());
        data.put("analysis_type", task.taskType());
        if (task.agentId() != null) {
            data.put("agent_id", task.agentId().toString());
        }
        return data;
    }

    private static String key(AgentTask task, String what) {
        return "agents:task:" + task.id() + ":" + what;
    }

    private void publish(Event event) {
        bus.publish(event);
    }
}

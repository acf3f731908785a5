package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves tasks through their life on what happens: a request creates them, an agent starts,
 * completes or fails one, a deadline passes, an agent goes silent, someone cancels. Every move is
 * a compare-and-replace in the store, retried on a lost race after reading the task again, so
 * handlers may run on several threads and several coordinators at once; a trigger delivered twice
 * finds the task already moved and changes nothing. Thread-safe.
 */
final class TaskLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(TaskLifecycle.class);
    private static final int MAX_RACES = 50;
    /** Longest deadline a request may ask for. */
    private static final long MAX_DEADLINE_MS = Duration.ofDays(1).toMillis();

    private final CoordinationStore store;
    private final CoordinatorEvents events;
    private final TaskAssigner assigner;
    private final RequestAggregator aggregator;
    private final CoordinatorSettings settings;
    private final Clock clock;

    TaskLifecycle(CoordinationStore store, CoordinatorEvents events, TaskAssigner assigner,
                  RequestAggregator aggregator, CoordinatorSettings settings) {
        this.store = store;
        this.events = events;
        this.assigner = assigner;
        this.aggregator = aggregator;
        this.settings = settings;
        this.clock = settings.clock();
    }

    /**
     * ai.analysis_requested: creates the request's tasks (once per request event) and assigns
     * them; on a redelivery, announces again what is assigned.
     */
    void requested(Event event) {
        AnalysisRequest request = store.findRequest(event.id()).orElse(null);
        if (request == null) {
            request = create(event);
            if (request == null) {
                return;
            }
        }
        for (AgentTask task : store.tasksOf(request.id())) {
            if (task.status() == TaskStatus.SUBMITTED) {
                assigner.assign(task, request);
            } else if (task.status() == TaskStatus.ASSIGNED) {
                // Delivered again: the coordinator before may have died between storing the assignment and
                // announcing it. The announcement's idempotency key makes this a no-op if it did announce.
                events.assigned(task, request);
            }
        }
    }

    private AnalysisRequest create(Event event) {
        ObjectNode data = event.data();
        Instant now = clock.instant();
        String type = data.path("analysis_type").isTextual() ? data.get("analysis_type").asText() : null;
        AggregationPolicy policy;
        Duration deadline;
        int maxAttempts;
        try {
            if (type == null || type.isBlank() || type.length() > Event.MAX_FIELD_LENGTH) {
                throw new ValidationException("analysis_type is required (a task type such as lead_scoring)",
                        "analysis_type");
            }
            policy = AggregationPolicy.fromRequest(data);
            deadline = data.has("deadline_ms")
                    ? Duration.ofMillis(bounded(data.get("deadline_ms"), "deadline_ms", MAX_DEADLINE_MS))
                    : settings.deadlineOf(type);
            maxAttempts = data.has("max_attempts") ? (int) bounded(data.get("max_attempts"), "max_attempts", 100)
                    : settings.maxAttempts();
        } catch (ValidationException e) {
            refuse(event, type, e.getMessage(), now);
            return null;
        }
        String correlation = event.correlationId() != null ? event.correlationId() : event.id().toString();
        List<AgentTask> tasks = new ArrayList<>();
        for (int i = 0; i < policy.agents(); i++) {
            UUID taskId = UUID.nameUUIDFromBytes((event.id() + ":" + i).getBytes(StandardCharsets.UTF_8));
            tasks.add(AgentTask.submitted(taskId, event.id(), event.tenantId(), type, data, maxAttempts, deadline,
                    now, now.plus(settings.maxWait())));
        }
        AnalysisRequest request = new AnalysisRequest(event.id(), event.tenantId(), type, correlation, policy, data,
                RequestStatus.OPEN, tasks.stream().map(AgentTask::id).toList(), null, now, now, 0);
        store.createRequest(request, tasks);
        return store.findRequest(event.id()).orElseThrow();
    }

    /** A request that can never be served fails at once, saying why, instead of waiting. */
    private void refuse(Event event, String type, String reason, Instant now) {
        ObjectNode outcome = event.data().deepCopy();
        outcome.put("request_id", event.id().toString());
        outcome.put("reason", "invalid analysis request: " + reason);
        String correlation = event.correlationId() != null ? event.correlationId() : event.id().toString();
        AnalysisRequest refused = new AnalysisRequest(event.id(), event.tenantId(), type == null ? "unknown" : type,
                correlation, AggregationPolicy.SINGLE, event.data(), RequestStatus.FAILED, List.of(), outcome, now,
                now, 0);
        if (store.createRequest(refused, List.of())) {
            events.decided(refused);
        }
    }

    private static long bounded(JsonNode node, String field, long max) {
        if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > max) {
            throw new ValidationException(field + " must be a whole number from 1 to " + max + "; got " + node, field);
        }
        return node.asLong();
    }

    /** ai.analysis_started from the agent holding the task: it is working on it. */
    void started(Event event) {
        taskOf(event).ifPresent(task -> move(task.id(), t -> t.status() == TaskStatus.ASSIGNED
                ? t.working(clock.instant()) : null));
    }

    /**
     * agent.task_completed: the first result from an agent that held the task completes it (even
     * one taken back for a missed deadline, whose result came late but first); any later result
     * is recorded in the task's history and not counted.
     */
    void completed(Event event) {
        AgentTask task = taskOf(event).orElse(null);
        if (task == null) {
            return;
        }
        UUID agent = agentOf(event, task);
        ObjectNode result = resultOf(event);
        Instant now = clock.instant();
        Moved moved = move(task.id(), t -> {
            if (agent == null || !t.wasAssignedTo(agent)) {
                return t.noted(agent, "result from an agent never assigned this task, not counted", now);
            }
            if (t.status().isFinal()) {
                boolean same = t.status() == TaskStatus.COMPLETED && agent.equals(t.agentId());
                return t.noted(agent, (same ? "duplicate" : "late") + " result, not counted", now);
            }
            return t.completed(agent, result, now);
        });
        if (moved != null && moved.after.status() == TaskStatus.COMPLETED && !moved.before.status().isFinal()) {
            if (moved.before.status().holdsAgent() && !agent.equals(moved.before.agentId())) {
                events.canceled(moved.after, moved.before.serviceName(), moved.before.agentId(),
                        "an earlier agent's result completed the task");
            }
            aggregator.evaluate(task.requestId());
        }
    }

    /** agent.task_failed from the agent holding the task: another agent gets it, while attempts remain. */
    void agentFailed(Event event) {
        taskOf(event).ifPresent(task -> {
            UUID agent = agentOf(event, task);
            if (agent != null && task.status().holdsAgent() && agent.equals(task.agentId())) {
                String reason = event.data().path("reason").asText(event.data().path("error").asText("no reason given"));
                takeBack(task, "agent " + agent + " failed: " + reason);
            }
        });
    }

    /** Takes the task back from its agent; reassigns it while attempts remain, else fails it. */
    void takeBack(AgentTask held, String reason) {
        Instant now = clock.instant();
        Moved moved = move(held.id(), t -> {
            if (!t.status().holdsAgent() || !t.agentId().equals(held.agentId()) || t.attempt() != held.attempt()) {
                return null; // already moved on
            }
            return t.attempt() < t.maxAttempts() ? t.released(reason, now, now.plus(settings.maxWait()))
                    : t.failed(reason + "; gave up after " + t.attempt() + " attempts", now);
        });
        if (moved == null) {
            return;
        }
        events.canceled(moved.after, held.serviceName(), held.agentId(), reason);
        if (moved.after.status() == TaskStatus.FAILED) {
            finishFailed(moved.after);
        } else {
            store.findRequest(held.requestId()).ifPresent(r -> assigner.assign(moved.after, r));
        }
    }

    /** A waiting task: assigned if an agent can take it now, failed once it has waited its bound. */
    void retryWaiting(AgentTask waiting) {
        Instant now = clock.instant();
        if (now.isBefore(waiting.dueAt())) {
            store.findRequest(waiting.requestId()).ifPresent(r -> assigner.assign(waiting, r));
            return;
        }
        String reason = "no live agent for " + waiting.taskType() + " with free capacity within "
                + settings.maxWait().toMillis() + " ms";
        Moved moved = move(waiting.id(), t -> t.status() == TaskStatus.SUBMITTED && t.version() == waiting.version()
                ? t.failed(reason, now) : null);
        if (moved != null) {
            finishFailed(moved.after);
        }
    }

    /** Cancels the task (its agent is told); throws when it is unknown or already final. */
    AgentTask cancel(UUID taskId, String reason) {
        AgentTask before = store.findTask(taskId)
                .orElseThrow(() -> new NotFoundException("task " + taskId + " does not exist"));
        Moved moved = move(taskId, t -> t.status().isFinal() ? null : t.canceled(reason, clock.instant()));
        if (moved == null) {
            throw new ConflictException("task_final", "task " + taskId + " is already "
                    + store.findTask(taskId).orElse(before).status().wireName());
        }
        boolean held = moved.before.status().holdsAgent();
        events.canceled(moved.after, held ? moved.before.serviceName() : null, held ? moved.before.agentId() : null,
                reason);
        aggregator.evaluate(moved.after.requestId());
        return moved.after;
    }

    private void finishFailed(AgentTask failed) {
        events.failed(failed);
        aggregator.evaluate(failed.requestId());
    }

    /**
     * The task an agent's event names: {@code data.task_id}, else its correlation id (an agent may
     * keep the workflow's correlation id and name the task in its data); same tenant only.
     */
    private Optional<AgentTask> taskOf(Event event) {
        UUID id = uuid(event.data().path("task_id").asText(null));
        if (id == null) {
            id = uuid(event.correlationId());
        }
        Optional<AgentTask> task = id == null ? Optional.empty() : store.findTask(id);
        if (task.isEmpty() || !task.get().tenantId().equals(event.tenantId())) {
            LOG.debug("{} {} names no task of tenant {}; ignored", event.eventType(), event.id(), event.tenantId());
            return Optional.empty();
        }
        return task;
    }

    private static UUID agentOf(Event event, AgentTask task) {
        UUID named = uuid(event.data().path("agent_id").asText(null));
        return named != null ? named : task.agentId();
    }

    /** {@code data.results} (the seed's shape), else the data without the task's ids. */
    private static ObjectNode resultOf(Event event) {
        JsonNode results = event.data().get("results");
        if (results != null && results.isObject()) {
            return (ObjectNode) results;
        }
        ObjectNode rest = event.data().deepCopy();
        rest.remove(List.of("task_id", "agent_id", "request_id", "analysis_type"));
        return rest;
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Reads the task and replaces it by {@code step}'s answer, again after a lost race; null when
     * the task is unknown or {@code step} answers null (nothing to do).
     */
    private Moved move(UUID taskId, UnaryOperator<AgentTask> step) {
        for (int race = 0; race < MAX_RACES; race++) {
            AgentTask current = store.findTask(taskId).orElse(null);
            AgentTask next = current == null ? null : step.apply(current);
            if (next == null) {
                return null;
            }
            if (store.updateTask(current, next, clock.instant())) {
                return new Moved(current, next);
            }
        }
        throw new IllegalStateException("task " + taskId + " kept changing while it was being moved");
    }

    private record Moved(AgentTask before, AgentTask after) {
    }
}

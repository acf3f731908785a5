package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentStatus;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.AnalysisRequest;
import com.bizosaas.eventbus.agents.TaskStatus;
import com.bizosaas.eventbus.agents.WorkflowRule;
import com.bizosaas.eventbus.spi.CoordinationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded {@link CoordinationStore}: maps guarded by one lock, lost on exit. The lock makes
 * each compare-and-replace and its load accounting one step; the coordinator's work per task is a
 * handful of map operations, so one lock is not the bottleneck. Thread-safe.
 */
public final class InMemoryCoordinationStore implements CoordinationStore {
    private static final Comparator<AgentTask> OLDEST_FIRST = Comparator.comparing(AgentTask::createdAt)
            .thenComparing(AgentTask::id);

    private final Map<UUID, Agent> agents = new LinkedHashMap<>();
    private final Map<UUID, AnalysisRequest> requests = new LinkedHashMap<>();
    private final Map<UUID, AgentTask> tasks = new LinkedHashMap<>();
    private final Map<UUID, WorkflowRule> rules = new LinkedHashMap<>();

    @Override
    public synchronized Agent saveAgent(Agent agent) {
        Agent existing = agents.get(agent.id());
        Agent saved = existing == null ? agent.withLoad(0, null)
                : agent.withLoad(existing.activeTasks(), existing.lastAssignedAt());
        agents.put(agent.id(), saved);
        return saved;
    }

    @Override
    public synchronized Optional<Agent> findAgent(UUID id) {
        return Optional.ofNullable(agents.get(id));
    }

    @Override
    public synchronized List<Agent> agents() {
        return List.copyOf(agents.values());
    }

    @Override
    public synchronized boolean deleteAgent(UUID id) {
        return agents.remove(id) != null;
    }

    @Override
    public synchronized Optional<Agent> heartbeat(UUID id, Instant at) {
        Agent agent = agents.get(id);
        if (agent == null) {
            return Optional.empty();
        }
        Agent beating = agent.withStatus(AgentStatus.LIVE, at);
        agents.put(id, beating);
        return Optional.of(beating);
    }

    @Override
    public synchronized List<Agent> markGone(Instant silentSince) {
        List<Agent> gone = new ArrayList<>();
        for (Agent agent : agents.values()) {
            if (agent.status() == AgentStatus.LIVE && agent.lastHeartbeat().isBefore(silentSince)) {
                gone.add(agent.withStatus(AgentStatus.GONE, agent.lastHeartbeat()));
            }
        }
        gone.forEach(a -> agents.put(a.id(), a));
        return gone;
    }

    @Override
    public synchronized boolean createRequest(AnalysisRequest request, List<AgentTask> newTasks) {
        if (requests.containsKey(request.id())) {
            return false;
        }
        requests.put(request.id(), request);
        newTasks.forEach(t -> tasks.put(t.id(), t));
        return true;
    }

    @Override
    public synchronized Optional<AnalysisRequest> findRequest(UUID id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public synchronized boolean updateRequest(AnalysisRequest current, AnalysisRequest next) {
        AnalysisRequest stored = requests.get(current.id());
        if (stored == null || stored.version() != current.version()) {
            return false;
        }
        requests.put(next.id(), next);
        return true;
    }

    @Override
    public synchronized Optional<AgentTask> findTask(UUID id) {
        return Optional.ofNullable(tasks.get(id));
    }

    @Override
    public synchronized List<AgentTask> tasksOf(UUID requestId) {
        AnalysisRequest request = requests.get(requestId);
        return request == null ? List.of() : request.taskIds().stream().map(tasks::get).toList();
    }

    @Override
    public synchronized boolean updateTask(AgentTask current, AgentTask next, Instant now) {
        AgentTask stored = tasks.get(current.id());
        if (stored == null || stored.version() != current.version()) {
            return false;
        }
        UUID freed = holder(stored);
        UUID taken = holder(next);
        if (taken != null && !taken.equals(freed)) {
            Agent agent = agents.get(taken);
            if (agent == null || agent.status() != AgentStatus.LIVE || agent.activeTasks() >= agent.capacity()) {
                return false;
            }
            agents.put(taken, agent.withLoad(agent.activeTasks() + 1, now));
        }
        if (freed != null && !freed.equals(taken)) {
            Agent agent = agents.get(freed);
            if (agent != null) {
                agents.put(freed, agent.withLoad(Math.max(0, agent.activeTasks() - 1), agent.lastAssignedAt()));
            }
        }
        tasks.put(next.id(), next);
        return true;
    }

    private static UUID holder(AgentTask task) {
        return task.status().holdsAgent() ? task.agentId() : null;
    }

    @Override
    public synchronized List<AgentTask> dueTasks(Instant now, int limit) {
        return tasks.values().stream()
                .filter(t -> t.status() == TaskStatus.SUBMITTED
                        || (t.status().holdsAgent() && !t.dueAt().isAfter(now)))
                .sorted(OLDEST_FIRST)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<AgentTask> tasksHeldBy(UUID agentId) {
        return tasks.values().stream().filter(t -> agentId.equals(holder(t))).sorted(OLDEST_FIRST).toList();
    }

    @Override
    public synchronized WorkflowRule saveRule(WorkflowRule rule) {
        rules.put(rule.id(), rule);
        return rule;
    }

    @Override
    public synchronized Optional<WorkflowRule> findRule(UUID id) {
        return Optional.ofNullable(rules.get(id));
    }

    @Override
    public synchronized List<WorkflowRule> rules() {
        return List.copyOf(rules.values());
    }

    @Override
    public synchronized boolean deleteRule(UUID id) {
        return rules.remove(id) != null;
    }
}

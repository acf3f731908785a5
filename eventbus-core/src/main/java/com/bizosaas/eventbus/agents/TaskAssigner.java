package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.spi.CoordinationStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Gives a submitted task to a live agent that handles its type and serves its tenant, with free
 * capacity: agents not yet tried for it and not already working on the same request first, then
 * the least loaded, then the least recently assigned; agents equal on all of these are drawn at
 * random, so equals share the work. The store's compare-and-replace (which also refuses a full
 * agent) makes the choice safe with several coordinators: a lost race moves on to the next agent.
 * Thread-safe.
 */
final class TaskAssigner {
    private static final Comparator<Instant> OLDEST_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final CoordinationStore store;
    private final CoordinatorEvents events;
    private final Clock clock;

    TaskAssigner(CoordinationStore store, CoordinatorEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    /** Assigns {@code task} if an agent can take it now; returns the task as stored afterwards. */
    AgentTask assign(AgentTask task, AnalysisRequest request) {
        Set<UUID> onSameRequest = request.policy().agents() == 1 ? Set.of() : store.tasksOf(request.id()).stream()
                .filter(t -> !t.id().equals(task.id()) && t.status().holdsAgent())
                .map(AgentTask::agentId).collect(Collectors.toSet());
        List<Agent> candidates = candidates(task, onSameRequest);
        AgentTask current = task;
        for (Agent agent : candidates) {
            Instant now = clock.instant();
            AgentTask assigned = current.assignedTo(agent, now);
            if (store.updateTask(current, assigned, now)) {
                events.assigned(assigned, request);
                return assigned;
            }
            current = store.findTask(task.id()).orElse(current);
            if (current.status() != TaskStatus.SUBMITTED) {
                return current; // another coordinator assigned it, or it was canceled meanwhile
            }
        }
        return current;
    }

    private List<Agent> candidates(AgentTask task, Set<UUID> onSameRequest) {
        Comparator<Agent> preference = Comparator
                .comparing((Agent a) -> task.triedAgents().contains(a.id()))
                .thenComparing(a -> onSameRequest.contains(a.id()))
                .thenComparingInt(Agent::activeTasks)
                .thenComparing(Agent::lastAssignedAt, OLDEST_FIRST);
        List<Agent> able = new ArrayList<>(store.agents().stream()
                .filter(a -> a.canTake(task.taskType(), task.tenantId()))
                .sorted(preference)
                .toList());
        int equals = 1;
        while (equals < able.size() && preference.compare(able.get(0), able.get(equals)) == 0) {
            equals++;
        }
        if (equals > 1) {
            // Rotating the equally good ones by a random amount keeps any one of them from always winning.
            Collections.rotate(able.subList(0, equals), ThreadLocalRandom.current().nextInt(equals));
        }
        return able;
    }
}

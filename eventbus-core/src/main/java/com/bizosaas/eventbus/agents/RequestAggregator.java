package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.spi.CoordinationStore;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Decides an open request once its policy is met (completed) or can no longer be met (failed),
 * publishes the one {@code ai.analysis_completed} or {@code ai.analysis_failed}, and cancels
 * tasks still open. Every evaluation replaces the request (one version on, decided or not) after
 * reading its tasks, so of two coordinators finishing the last two tasks at once, the one that
 * replaces second has read both results. Thread-safe.
 */
final class RequestAggregator {
    private static final int MAX_RACES = 50;

    private final CoordinationStore store;
    private final CoordinatorEvents events;
    private final Clock clock;
    private TaskLifecycle lifecycle;

    RequestAggregator(CoordinationStore store, CoordinatorEvents events, Clock clock) {
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    void cancelsThrough(TaskLifecycle tasks) {
        this.lifecycle = tasks;
    }

    /** Looks at the request after one of its tasks reached a final state. */
    void evaluate(UUID requestId) {
        for (int race = 0; race < MAX_RACES; race++) {
            AnalysisRequest request = store.findRequest(requestId).orElse(null);
            if (request == null || request.status() != RequestStatus.OPEN) {
                return;
            }
            List<AgentTask> tasks = store.tasksOf(requestId);
            long completed = tasks.stream().filter(t -> t.status() == TaskStatus.COMPLETED).count();
            long open = tasks.stream().filter(t -> !t.status().isFinal()).count();
            int needed = request.policy().needed();
            AnalysisRequest next;
            if (completed >= needed) {
                next = request.decided(RequestStatus.COMPLETED, ResultMerge.completed(request, tasks), clock.instant());
            } else if (completed + open < needed) {
                String reason = completed + " of " + tasks.size() + " agents completed " + request.analysisType()
                        + "; the " + request.policy().mode().wireName() + " policy needs " + needed;
                next = request.decided(RequestStatus.FAILED, ResultMerge.failed(request, tasks, reason),
                        clock.instant());
            } else {
                next = request.touched(clock.instant());
            }
            if (store.updateRequest(request, next)) {
                if (next.status() != RequestStatus.OPEN) {
                    events.decided(next);
                    tasks.stream().filter(t -> !t.status().isFinal())
                            .forEach(t -> lifecycle.cancel(t.id(), "the request was already " + next.status().wireName()));
                }
                return;
            }
        }
        throw new IllegalStateException("request " + requestId + " kept changing while it was evaluated");
    }
}

package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentDelivery;
import com.bizosaas.eventbus.agents.AgentStatus;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.AggregationPolicy;
import com.bizosaas.eventbus.agents.AnalysisRequest;
import com.bizosaas.eventbus.agents.RequestStatus;
import com.bizosaas.eventbus.agents.TaskStatus;
import com.bizosaas.eventbus.agents.WorkflowRule;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CoordinationStore} must show. Extend it once per implementation and
 * return a working store from {@link #newStore()}; it is called before each test and closed after
 * it. Tests only look at rows they created (random ids), so a shared database is fine.
 */
public abstract class CoordinationStoreContract {
    /** Whole milliseconds: what every store keeps of a time. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected CoordinationStore store;

    /** A working store; the suite closes it after each test. */
    protected abstract CoordinationStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aSavedAgentIsFoundWithEveryFieldAndSavingAgainKeepsItsLoad() {
        UUID tenant = UUID.randomUUID();
        Agent webhook = new Agent(UUID.randomUUID(), tenant, "ai-agents", List.of("lead_scoring", "campaign_performance"),
                4, AgentDelivery.WEBHOOK, "https://agents.example.com/tasks", AgentStatus.LIVE, NOW, NOW, 0, null);
        assertThat(store.saveAgent(webhook)).isEqualTo(webhook);
        assertThat(store.findAgent(webhook.id())).contains(webhook);

        AgentTask task = newRequest(tenant, "lead_scoring", 1).get(0);
        assertThat(store.updateTask(task, task.assignedTo(webhook, NOW), NOW)).isTrue();
        Agent again = store.saveAgent(Agent.register(webhook.id(), tenant, "ai-agents", List.of("lead_scoring"), 8,
                AgentDelivery.PULL, null, NOW.plusSeconds(1)));

        assertThat(again.activeTasks()).isEqualTo(1);
        assertThat(again.lastAssignedAt()).isEqualTo(NOW);
        assertThat(store.findAgent(webhook.id()).orElseThrow().capacity()).isEqualTo(8);
        assertThat(store.agents()).extracting(Agent::id).contains(webhook.id());
        assertThat(store.deleteAgent(webhook.id())).isTrue();
        assertThat(store.deleteAgent(webhook.id())).isFalse();
        assertThat(store.findAgent(webhook.id())).isEmpty();
    }

    @Test
    void aTaskIsReplacedOnlyOverTheVersionItWasReadAt() {
        AgentTask task = newRequest(UUID.randomUUID(), "lead_scoring", 1).get(0);
        Agent agent = store.saveAgent(agent(null, 2, "lead_scoring"));
        AgentTask assigned = task.assignedTo(agent, NOW);

        assertThat(store.updateTask(task, assigned, NOW)).isTrue();
        assertThat(store.updateTask(task, task.assignedTo(agent, NOW), NOW)).isFalse();
        AgentTask stored = store.findTask(task.id()).orElseThrow();
        assertThat(stored).isEqualTo(assigned);
        assertThat(stored.history()).extracting(t -> t.status()).containsExactly(TaskStatus.SUBMITTED,
                TaskStatus.ASSIGNED);
        assertThat(store.findAgent(agent.id()).orElseThrow().activeTasks()).isEqualTo(1);
    }

    @Test
    void anAgentTakesNoMoreTasksThanItsCapacityAndFinishedTasksFreeTheirSlot() {
        Agent agent = store.saveAgent(agent(null, 2, "lead_scoring"));
        List<AgentTask> tasks = newRequest(UUID.randomUUID(), "lead_scoring", 3);

        assertThat(store.updateTask(tasks.get(0), tasks.get(0).assignedTo(agent, NOW), NOW)).isTrue();
        assertThat(store.updateTask(tasks.get(1), tasks.get(1).assignedTo(agent, NOW), NOW)).isTrue();
        assertThat(store.updateTask(tasks.get(2), tasks.get(2).assignedTo(agent, NOW), NOW)).isFalse();
        assertThat(store.findTask(tasks.get(2).id()).orElseThrow().status()).isEqualTo(TaskStatus.SUBMITTED);

        AgentTask held = store.findTask(tasks.get(0).id()).orElseThrow();
        assertThat(store.updateTask(held, held.completed(agent.id(), result(80), NOW), NOW)).isTrue();
        assertThat(store.findAgent(agent.id()).orElseThrow().activeTasks()).isEqualTo(1);
        assertThat(store.updateTask(tasks.get(2), tasks.get(2).assignedTo(agent, NOW), NOW)).isTrue();
        assertThat(store.tasksHeldBy(agent.id())).extracting(AgentTask::id)
                .containsExactlyInAnyOrder(tasks.get(1).id(), tasks.get(2).id());
    }

    @Test
    void aGoneOrUnknownAgentTakesNoTask() {
        Agent agent = store.saveAgent(agent(null, 2, "lead_scoring"));
        List<AgentTask> tasks = newRequest(UUID.randomUUID(), "lead_scoring", 2);
        assertThat(store.markGone(NOW.plusSeconds(1))).extracting(Agent::id).contains(agent.id());

        assertThat(store.updateTask(tasks.get(0), tasks.get(0).assignedTo(agent, NOW), NOW)).isFalse();
        Agent unknown = agent(null, 2, "lead_scoring");
        assertThat(store.updateTask(tasks.get(1), tasks.get(1).assignedTo(unknown, NOW), NOW)).isFalse();

        assertThat(store.heartbeat(agent.id(), NOW.plusSeconds(2)).orElseThrow().status()).isEqualTo(AgentStatus.LIVE);
        assertThat(store.updateTask(tasks.get(0), tasks.get(0).assignedTo(agent, NOW), NOW)).isTrue();
        assertThat(store.heartbeat(UUID.randomUUID(), NOW)).isEmpty();
    }

    @Test
    void racingAssignmentsNeverOverfillAnAgent() throws Exception {
        Agent agent = store.saveAgent(agent(null, 3, "lead_scoring"));
        List<AgentTask> tasks = newRequest(UUID.randomUUID(), "lead_scoring", 12);
        AtomicInteger next = new AtomicInteger();

        List<Boolean> won = Concurrently.run(12, () -> {
            AgentTask task = tasks.get(next.getAndIncrement());
            return store.updateTask(task, task.assignedTo(agent, NOW), NOW);
        });

        assertThat(won.stream().filter(w -> w).count()).isEqualTo(3);
        assertThat(store.findAgent(agent.id()).orElseThrow().activeTasks()).isEqualTo(3);
    }

    @Test
    void racingMovesOfOneTaskLetExactlyOneWin() throws Exception {
        List<Agent> agents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            agents.add(store.saveAgent(agent(null, 1, "lead_scoring")));
        }
        AgentTask task = newRequest(UUID.randomUUID(), "lead_scoring", 1).get(0);
        AtomicInteger next = new AtomicInteger();

        List<Boolean> won = Concurrently.run(8, () -> store.updateTask(task,
                task.assignedTo(agents.get(next.getAndIncrement()), NOW), NOW));

        assertThat(won.stream().filter(w -> w).count()).isEqualTo(1);
        assertThat(agents.stream().mapToInt(a -> store.findAgent(a.id()).orElseThrow().activeTasks()).sum())
                .isEqualTo(1);
    }

    @Test
    void eachSilentAgentIsMarkedGoneForExactlyOneCaller() throws Exception {
        List<UUID> silent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            silent.add(store.saveAgent(agent(null, 1, "lead_scoring")).id());
        }
        Agent beating = store.saveAgent(agent(null, 1, "lead_scoring"));
        store.heartbeat(beating.id(), NOW.plusSeconds(60));

        List<List<Agent>> marked = Concurrently.run(4, () -> store.markGone(NOW.plusSeconds(30)));

        List<UUID> all = marked.stream().flatMap(List::stream).map(Agent::id).filter(silent::contains).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(silent);
        assertThat(marked.stream().flatMap(List::stream).map(Agent::id)).doesNotContain(beating.id());
        assertThat(store.findAgent(silent.get(0)).orElseThrow().status()).isEqualTo(AgentStatus.GONE);
    }

    @Test
    void aRequestIsCreatedOnceWithItsTasksAndReplacedOnlyOverItsVersion() {
        UUID tenant = UUID.randomUUID();
        List<AgentTask> tasks = newRequest(tenant, "campaign_performance", 3);
        AnalysisRequest request = store.findRequest(tasks.get(0).requestId()).orElseThrow();

        assertThat(store.createRequest(request, tasks)).isFalse();
        assertThat(store.tasksOf(request.id())).extracting(AgentTask::id)
                .containsExactlyElementsOf(tasks.stream().map(AgentTask::id).toList());
        assertThat(request.policy()).isEqualTo(new AggregationPolicy(AggregationPolicy.Mode.QUORUM, 3, 2));
        assertThat(request.input().get("campaign_id").asText()).isEqualTo("c-1");

        AnalysisRequest decided = request.decided(RequestStatus.COMPLETED, result(75), NOW);
        assertThat(store.updateRequest(request, decided)).isTrue();
        assertThat(store.updateRequest(request, request.touched(NOW))).isFalse();
        assertThat(store.findRequest(request.id())).contains(decided);
    }

    @Test
    void dueTasksAreTheWaitingOnesAndThoseHeldPastTheirDeadline() {
        Agent agent = store.saveAgent(agent(null, 5, "lead_scoring"));
        List<AgentTask> tasks = newRequest(UUID.randomUUID(), "lead_scoring", 3);
        AgentTask late = tasks.get(0).assignedTo(agent, NOW.minusSeconds(120));
        AgentTask onTime = tasks.get(1).assignedTo(agent, NOW);
        store.updateTask(tasks.get(0), late, NOW);
        store.updateTask(tasks.get(1), onTime, NOW);

        List<UUID> due = store.dueTasks(NOW, 10_000).stream().map(AgentTask::id).toList();

        assertThat(due).contains(late.id(), tasks.get(2).id()).doesNotContain(onTime.id());
    }

    @Test
    void rulesAreSavedListedAndDeleted() {
        ObjectNode set = JsonNodeFactory.instance.objectNode().put("stage", "qualified");
        WorkflowRule rule = new WorkflowRule(UUID.randomUUID(), UUID.randomUUID(), "qualify hot leads",
                "ai.analysis_completed", "data.results.score >= 70", "lead.qualified",
                Map.of("lead_id", "data.lead_id"), set, List.of("crm-service"), NOW);
        WorkflowRule everyTenant = new WorkflowRule(UUID.randomUUID(), null, "optimize", "campaign.launched", null,
                "ai.analysis_requested", Map.of(), null, null, NOW);

        store.saveRule(rule);
        store.saveRule(everyTenant);

        assertThat(store.findRule(rule.id())).contains(rule);
        assertThat(store.rules()).contains(rule, everyTenant);
        assertThat(store.deleteRule(rule.id())).isTrue();
        assertThat(store.deleteRule(rule.id())).isFalse();
        assertThat(store.findRule(rule.id())).isEmpty();
    }

    private List<AgentTask> newRequest(UUID tenant, String type, int agents) {
        UUID requestId = UUID.randomUUID();
        ObjectNode input = JsonNodeFactory.instance.objectNode().put("analysis_type", type).put("campaign_id", "c-1");
        List<AgentTask> tasks = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            tasks.add(AgentTask.submitted(UUID.randomUUID(), requestId, tenant, type, input, 3, Duration.ofSeconds(60),
                    NOW.plusMillis(i), NOW.plusSeconds(30)));
        }
        AggregationPolicy policy = agents == 1 ? AggregationPolicy.SINGLE
                : new AggregationPolicy(AggregationPolicy.Mode.QUORUM, agents, agents / 2 + 1);
        AnalysisRequest request = new AnalysisRequest(requestId, tenant, type, requestId.toString(), policy, input,
                RequestStatus.OPEN, tasks.stream().map(AgentTask::id).toList(), null, NOW, NOW, 0);
        assertThat(store.createRequest(request, tasks)).isTrue();
        return tasks;
    }

    private static Agent agent(UUID tenant, int capacity, String... types) {
        return Agent.register(UUID.randomUUID(), tenant, "ai-agents", List.of(types), capacity, AgentDelivery.PULL,
                null, NOW);
    }

    private static ObjectNode result(int score) {
        return JsonNodeFactory.instance.objectNode().put("score", score).put("confidence", 90);
    }
}

package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.AgentDelivery;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.CoordinatorSettings;
import com.bizosaas.eventbus.agents.TaskStatus;
import com.bizosaas.eventbus.agents.TaskTransition;
import com.bizosaas.eventbus.agents.WorkflowRule;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.model.SortOrder;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the AI agent coordinator does on a bus with a given {@link CoordinationStore}: assignment
 * by capability and capacity, least loaded first, reassignment after a missed deadline and after
 * heartbeats stop, the aggregation policies with late and duplicate results, workflow rules.
 * Time is a {@link ManualClock} and sweeps are run by the test, so deadlines take no waiting; what
 * happened is read from the tenant's history, where every decision is an event.
 */
public abstract class AgentCoordinationContract {
    protected static final Duration WAIT = Duration.ofSeconds(15);
    private static final String AI = "ai-agents";

    protected final UUID tenant = UUID.randomUUID();
    protected final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    protected EventBus bus;
    protected CoordinationStore store;
    protected AgentCoordinator coordinator;

    /** A bus on the stores under test; the suite starts and closes it. */
    protected abstract EventBus.Builder busBuilder();

    /** A coordination store; the suite closes it after the bus. */
    protected abstract CoordinationStore newCoordinationStore();

    @BeforeEach
    void startCoordinator() {
        bus = busBuilder().build().start();
        store = newCoordinationStore();
        coordinator = AgentCoordinator.start(bus, store, CoordinatorSettings.DEFAULTS.withClock(clock)
                .withTimes(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(30))
                .withSweepInterval(Duration.ofHours(1)));
    }

    @AfterEach
    void stop() {
        coordinator.close();
        bus.close();
        store.close();
    }

    @Test
    void aTaskGoesOnlyToALiveAgentThatHandlesItsTypeServesItsTenantAndHasRoom() {
        register(UUID.randomUUID(), 5, "campaign_performance");
        register(UUID.randomUUID(), 5, "lead_scoring"); // another tenant's
        UUID scorer = register(tenant, 1, "lead_scoring");

        UUID first = request(data("lead_scoring"));
        Event assigned = awaitAssigned(first);
        assertThat(assigned.data().get("agent_id").asText()).isEqualTo(scorer.toString());
        assertThat(assigned.targetServices()).containsExactly(AI);
        assertThat(assigned.correlationId()).isEqualTo(assigned.data().get("task_id").asText());
        assertThat(assigned.sourceService()).isEqualTo("agent-coordinator");

        UUID second = request(data("lead_scoring"));
        UUID waiting = taskOf(second);
        Await.until(WAIT, () -> coordinator.task(waiting).isPresent(), "the second task is created");
        coordinator.sweep();
        assertThat(coordinator.task(waiting).orElseThrow().status()).isEqualTo(TaskStatus.SUBMITTED);

        complete(assigned, scorer, 80);
        awaitEvent(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(first.toString()));
        coordinator.sweep();
        assertThat(awaitAssigned(second).data().get("agent_id").asText()).isEqualTo(scorer.toString());
    }

    @Test
    void theLeastLoadedAgentGetsTheTaskAndEqualsTakeTurns() {
        UUID a = register(tenant, 3, "lead_scoring");
        UUID b = register(tenant, 3, "lead_scoring");
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMillis(5));
            chosen.add(awaitAssigned(request(data("lead_scoring"))).data().get("agent_id").asText());
        }
        assertThat(chosen).filteredOn(a.toString()::equals).hasSize(2);
        assertThat(chosen).filteredOn(b.toString()::equals).hasSize(2);

        // Equally loaded (each task completed at once), the least recently assigned goes next.
        List<String> turns = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMillis(5));
            UUID request = request(data("campaign_scoring_" + 0).put("analysis_type", "lead_scoring"));
            Event assigned = awaitAssigned(request);
            turns.add(assigned.data().get("agent_id").asText());
            complete(assigned, UUID.fromString(assigned.data().get("agent_id").asText()), 50);
            awaitEvent(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString()));
        }
        assertThat(turns.get(0)).isNotEqualTo(turns.get(1));
        assertThat(turns.get(1)).isNotEqualTo(turns.get(2));
        assertThat(turns.get(2)).isNotEqualTo(turns.get(3));
    }

    @Test
    void aMissedDeadlineReassignsTheTaskAndTheLateFirstResultCountsOnce() {
        register(tenant, 1, "lead_scoring");
        register(tenant, 1, "lead_scoring");
        UUID request = request(data("lead_scoring").put("deadline_ms", 1_000));
        Event first = awaitAssigned(request);
        UUID slow = UUID.fromString(first.data().get("agent_id").asText());

        clock.advance(Duration.ofMillis(1_001));
        coordinator.sweep();

        Event second = awaitEvent(EventTypes.AGENT_TASK_ASSIGNED, e -> e.causationId().equals(request.toString())
                && e.data().get("attempt").asInt() == 2);
        UUID other = UUID.fromString(second.data().get("agent_id").asText());
        assertThat(other).isNotEqualTo(slow);
        awaitEvent("agent.task_canceled", e -> e.data().get("agent_id").asText().equals(slow.toString()));

        complete(first, slow, 90); // late, but the first result
        awaitEvent(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString()));
        complete(second, other, 10);
        UUID task = UUID.fromString(first.correlationId());
        Await.until(WAIT, () -> noted(task, "late result, not counted"), "the second result is recorded as late");

        List<Event> completed = events(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString()));
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).data().at("/results/score").asDouble()).isEqualTo(90.0);
        assertThat(coordinator.task(task).orElseThrow().history()).extracting(TaskTransition::status)
                .containsSubsequence(TaskStatus.SUBMITTED, TaskStatus.ASSIGNED, TaskStatus.SUBMITTED,
                        TaskStatus.ASSIGNED, TaskStatus.COMPLETED);
    }

    @Test
    void aTaskFailsAfterItsLastMissedDeadline() {
        register(tenant, 1, "lead_scoring");
        UUID request = request(data("lead_scoring").put("deadline_ms", 500).put("max_attempts", 2));
        awaitAssigned(request);
        clock.advance(Duration.ofMillis(501));
        coordinator.sweep();
        awaitEvent(EventTypes.AGENT_TASK_ASSIGNED, e -> e.causationId().equals(request.toString())
                && e.data().get("attempt").asInt() == 2);
        clock.advance(Duration.ofMillis(501));
        coordinator.sweep();

        Event failed = awaitEvent(EventTypes.AGENT_TASK_FAILED, e -> e.causationId().equals(request.toString()));
        assertThat(failed.data().get("reason").asText()).contains("missed the deadline").contains("after 2 attempts");
        Event analysisFailed = awaitEvent(EventTypes.AI_ANALYSIS_FAILED, e -> e.causationId().equals(request.toString()));
        assertThat(analysisFailed.data().get("reason").asText()).contains("0 of 1");
    }

    @Test
    void anAgentThatStopsHeartbeatingIsGoneAndItsTasksGoToAnother() {
        UUID a = register(tenant, 2, "lead_scoring");
        UUID b = register(tenant, 2, "lead_scoring");
        UUID request = request(data("lead_scoring"));
        UUID holder = UUID.fromString(awaitAssigned(request).data().get("agent_id").asText());
        UUID survivor = holder.equals(a) ? b : a;

        clock.advance(Duration.ofSeconds(20));
        coordinator.heartbeat(survivor);
        clock.advance(Duration.ofSeconds(15));
        coordinator.sweep();

        assertThat(coordinator.agent(holder).orElseThrow().status().wireName()).isEqualTo("gone");
        Event reassigned = awaitEvent(EventTypes.AGENT_TASK_ASSIGNED, e -> e.causationId().equals(request.toString())
                && e.data().get("attempt").asInt() == 2);
        assertThat(reassigned.data().get("agent_id").asText()).isEqualTo(survivor.toString());
    }

    @Test
    void aTaskNoAgentCanTakeWaitsItsBoundThenFailsSayingWhy() {
        UUID request = request(data("sentiment"));
        UUID task = taskOf(request);
        Await.until(WAIT, () -> coordinator.task(task).isPresent(), "the task is created");
        clock.advance(Duration.ofSeconds(31));
        coordinator.sweep();

        Event failed = awaitEvent(EventTypes.AGENT_TASK_FAILED, e -> e.correlationId().equals(task.toString()));
        assertThat(failed.data().get("reason").asText()).contains("no live agent for sentiment");
        awaitEvent(EventTypes.AI_ANALYSIS_FAILED, e -> e.causationId().equals(request.toString()));
    }

    @Test
    void allPolicyMergesEveryResultOnceWithMeanAndSpread() {
        List<UUID> agents = List.of(register(tenant, 1, "lead_scoring"), register(tenant, 1, "lead_scoring"),
                register(tenant, 1, "lead_scoring"));
        UUID request = request(data("lead_scoring").put("agents", 3).put("policy", "all").put("lead_id", "L-1"));
        List<Event> assigned = awaitAssignedCount(request, 3);
        assertThat(assigned).extracting(e -> e.data().get("agent_id").asText()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(agents.stream().map(UUID::toString).toList());

        complete(assigned.get(0), agentOf(assigned.get(0)), 60);
        complete(assigned.get(0), agentOf(assigned.get(0)), 60); // duplicate
        UUID firstTask = UUID.fromString(assigned.get(0).correlationId());
        Await.until(WAIT, () -> noted(firstTask, "duplicate result, not counted"), "the duplicate is recorded");
        complete(assigned.get(1), agentOf(assigned.get(1)), 80);
        complete(assigned.get(2), agentOf(assigned.get(2)), 100);

        Event done = awaitEvent(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString()));
        assertThat(done.data().get("agent_results")).hasSize(3);
        assertThat(done.data().at("/results/score").asDouble()).isEqualTo(80.0);
        assertThat(done.data().at("/aggregate/score/spread").asDouble()).isEqualTo(40.0);
        assertThat(done.data().at("/aggregate/confidence/mean").asDouble()).isEqualTo(90.0);
        assertThat(done.data().get("lead_id").asText()).isEqualTo("L-1");
        assertThat(events(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString())))
                .hasSize(1);
    }

    @Test
    void quorumPolicyCompletesOnTheNthResultAndCancelsTheRest() {
        for (int i = 0; i < 3; i++) {
            register(tenant, 1, "lead_scoring");
        }
        UUID request = request(data("lead_scoring").put("agents", 3).put("policy", "quorum").put("quorum", 2));
        List<Event> assigned = awaitAssignedCount(request, 3);
        complete(assigned.get(0), agentOf(assigned.get(0)), 70);
        complete(assigned.get(1), agentOf(assigned.get(1)), 90);

        Event done = awaitEvent(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString()));
        assertThat(done.data().get("agent_results")).hasSize(2);
        assertThat(done.data().at("/results/score").asDouble()).isEqualTo(80.0);
        awaitEvent("agent.task_canceled", e -> e.correlationId().equals(assigned.get(2).correlationId()));

        complete(assigned.get(2), agentOf(assigned.get(2)), 10); // late
        UUID third = UUID.fromString(assigned.get(2).correlationId());
        Await.until(WAIT, () -> noted(third, "late result, not counted"), "the late result is recorded");
        assertThat(coordinator.task(third).orElseThrow().status()).isEqualTo(TaskStatus.CANCELED);
        assertThat(events(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString())))
                .hasSize(1);
    }

    @Test
    void firstPolicyCompletesOnTheFirstResult() {
        register(tenant, 1, "campaign_performance");
        register(tenant, 1, "campaign_performance");
        UUID request = request(data("campaign_performance").put("agents", 2).put("policy", "first"));
        List<Event> assigned = awaitAssignedCount(request, 2);
        complete(assigned.get(1), agentOf(assigned.get(1)), 42);

        Event done = awaitEvent(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString()));
        assertThat(done.data().at("/results/score").asDouble()).isEqualTo(42.0);
        complete(assigned.get(0), agentOf(assigned.get(0)), 99);
        complete(assigned.get(1), agentOf(assigned.get(1)), 42);
        UUID loser = UUID.fromString(assigned.get(0).correlationId());
        UUID winner = UUID.fromString(assigned.get(1).correlationId());
        Await.until(WAIT, () -> noted(loser, "late result, not counted") && noted(winner, "duplicate result, not counted"),
                "the late and the duplicate result are recorded");
        assertThat(events(EventTypes.AI_ANALYSIS_COMPLETED, e -> e.causationId().equals(request.toString())))
                .hasSize(1);
    }

    @Test
    void aStartedTaskIsWorkingAndACanceledOneTellsItsAgent() {
        register(tenant, 1, "lead_scoring");
        UUID request = request(data("lead_scoring"));
        Event assigned = awaitAssigned(request);
        UUID task = UUID.fromString(assigned.correlationId());
        bus.publish(Event.builder().type(EventTypes.AI_ANALYSIS_STARTED).tenant(tenant).source(AI)
                .correlationId(task.toString()).data(JsonNodeFactory.instance.objectNode()).build());
        Await.until(WAIT, () -> coordinator.task(task).orElseThrow().status() == TaskStatus.WORKING, "working");

        AgentTask canceled = coordinator.cancel(task, "lead deleted");

        assertThat(canceled.status()).isEqualTo(TaskStatus.CANCELED);
        Event told = awaitEvent("agent.task_canceled", e -> e.correlationId().equals(task.toString()));
        assertThat(told.targetServices()).containsExactly(AI);
        assertThat(told.data().get("reason").asText()).isEqualTo("lead deleted");
        awaitEvent(EventTypes.AI_ANALYSIS_FAILED, e -> e.causationId().equals(request.toString()));
        assertThatThrownBy(() -> coordinator.cancel(task, "again")).isInstanceOf(ConflictException.class);
    }

    @Test
    void aRequestThatCanNeverBeServedFailsAtOnceSayingWhy() {
        UUID request = request(data("lead_scoring").put("policy", "best"));
        Event failed = awaitEvent(EventTypes.AI_ANALYSIS_FAILED, e -> e.causationId().equals(request.toString()));
        assertThat(failed.data().get("reason").asText()).contains("policy must be all, quorum or first");
    }

    @Test
    void aRuleWithAConditionPublishesOnlyForMatchingEvents() {
        coordinator.saveRule(new WorkflowRule(UUID.randomUUID(), tenant, "qualify hot leads",
                EventTypes.AI_ANALYSIS_COMPLETED, "data.results.score >= 70 and data.analysis_type == 'lead_scoring'",
                EventTypes.LEAD_QUALIFIED, Map.of("lead_id", "data.lead_id", "score", "data.results.score"),
                JsonNodeFactory.instance.objectNode().put("qualified_by", "rule"), List.of("crm-service"), null));
        publishCompleted("L-hot", 87);
        publishCompleted("L-cold", 40);
        Event marker = publishCompleted("L-warm", 70);

        Event qualified = awaitEvent(EventTypes.LEAD_QUALIFIED, e -> e.data().get("lead_id").asText().equals("L-warm"));
        assertThat(qualified.causationId()).isEqualTo(marker.id().toString());
        assertThat(qualified.data().get("qualified_by").asText()).isEqualTo("rule");
        assertThat(qualified.targetServices()).containsExactly("crm-service");
        Await.until(WAIT, () -> events(EventTypes.LEAD_QUALIFIED, e -> true).size() >= 2, "both hot leads qualify");
        assertThat(events(EventTypes.LEAD_QUALIFIED, e -> true)).extracting(e -> e.data().get("lead_id").asText())
                .containsExactlyInAnyOrder("L-hot", "L-warm");
    }

    private Event publishCompleted(String lead, int score) {
        ObjectNode data = data("lead_scoring").put("lead_id", lead);
        data.putObject("results").put("score", score);
        Event event = Event.builder().type(EventTypes.AI_ANALYSIS_COMPLETED).tenant(tenant).source(AI).data(data)
                .build();
        return event.toBuilder().id(bus.publish(event).eventId()).build();
    }

    protected UUID register(UUID agentTenant, int capacity, String... types) {
        Agent agent = Agent.register(UUID.randomUUID(), agentTenant, AI, List.of(types), capacity,
                AgentDelivery.PULL, null, clock.instant());
        return coordinator.register(agent).agent().id();
    }

    protected static ObjectNode data(String type) {
        return JsonNodeFactory.instance.objectNode().put("analysis_type", type);
    }

    protected UUID request(ObjectNode data) {
        return bus.publish(Event.builder().type(EventTypes.AI_ANALYSIS_REQUESTED).tenant(tenant).source("crm-service")
                .data(data).build()).eventId();
    }

    /** The id of a request's first task, as the coordinator derives it. */
    protected static UUID taskOf(UUID request) {
        return UUID.nameUUIDFromBytes((request + ":0").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    protected void complete(Event assigned, UUID agent, int score) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("task_id", assigned.correlationId())
                .put("agent_id", agent.toString());
        data.putObject("results").put("score", score).put("confidence", 90);
        bus.publish(Event.builder().type(EventTypes.AGENT_TASK_COMPLETED).tenant(tenant).source(AI)
                .correlationId(assigned.correlationId()).data(data).build());
    }

    private static UUID agentOf(Event assigned) {
        return UUID.fromString(assigned.data().get("agent_id").asText());
    }

    private boolean noted(UUID task, String note) {
        return coordinator.task(task).orElseThrow().history().stream().anyMatch(t -> note.equals(t.note()));
    }

    protected Event awaitAssigned(UUID request) {
        return awaitEvent(EventTypes.AGENT_TASK_ASSIGNED, e -> e.causationId().equals(request.toString()));
    }

    private List<Event> awaitAssignedCount(UUID request, int count) {
        Predicate<Event> of = e -> e.causationId().equals(request.toString());
        Await.until(WAIT, () -> events(EventTypes.AGENT_TASK_ASSIGNED, of).size() >= count,
                count + " tasks of " + request + " are assigned");
        return events(EventTypes.AGENT_TASK_ASSIGNED, of);
    }

    protected Event awaitEvent(String type, Predicate<Event> which) {
        Await.until(WAIT, () -> !events(type, which).isEmpty(), type + " is in the tenant's history");
        return events(type, which).get(0);
    }

    protected List<Event> events(String type, Predicate<Event> which) {
        // The tenant's history: every decision of the coordinator is an event there.
        return bus.history(EventQuery.forTenant(tenant).types(type).limit(EventQuery.MAX_LIMIT)
                .order(SortOrder.OLDEST_FIRST).build()).items().stream().filter(which).toList();
    }
}

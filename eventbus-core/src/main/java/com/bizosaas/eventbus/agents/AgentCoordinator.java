package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.InProcessOptions;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.Subscriptions.Registration;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AI agent coordinator, built on a bus: it subscribes in-process to the requests and the
 * agents' reports, keeps agents, tasks and rules in a {@link CoordinationStore}, and publishes
 * every decision ({@code agent.task_assigned}, {@code agent.task_canceled},
 * {@code agent.task_failed}, {@code ai.analysis_completed}, {@code ai.analysis_failed}) as an
 * ordinary event in the tenant's history. Several coordinators may share one store (one per
 * server instance): the store's compare-and-replace keeps them from assigning a task twice, and
 * whichever is alive picks up the deadlines of the others' tasks. Thread-safe; {@link #close()}
 * stops it (the bus stays open).
 */
public final class AgentCoordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentCoordinator.class);
    /** Due tasks looked at per sweep; more wait for the next one. */
    private static final int SWEEP_BATCH = 500;
    private static final int AGENT_DELIVERY_ATTEMPTS = 5;

    private final EventBus bus;
    private final CoordinationStore store;
    private final CoordinatorSettings settings;
    private final TaskLifecycle tasks;
    private final WorkflowRules rules;
    private final List<Registration> registrations = new ArrayList<>();
    private final ScheduledExecutorService sweeper;

    private AgentCoordinator(EventBus bus, CoordinationStore store, CoordinatorSettings settings) {
        this.bus = bus;
        this.store = store;
        this.settings = settings;
        CoordinatorEvents events = new CoordinatorEvents(bus, settings.serviceName());
        TaskAssigner assigner = new TaskAssigner(store, events, settings.clock());
        RequestAggregator aggregator = new RequestAggregator(store, events, settings.clock());
        this.tasks = new TaskLifecycle(store, events, assigner, aggregator, settings);
        aggregator.cancelsThrough(tasks);
        this.rules = new WorkflowRules(bus, store);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "eventbus-agents-sweeper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Subscribes on {@code bus} and starts sweeping deadlines, silent agents and waiting tasks
     * every {@link CoordinatorSettings#sweepInterval()}.
     */
    public static AgentCoordinator start(EventBus bus, CoordinationStore store, CoordinatorSettings settings) {
        AgentCoordinator coordinator = new AgentCoordinator(bus, store, settings);
        coordinator.subscribe();
        long every = settings.sweepInterval().toMillis();
        coordinator.sweeper.scheduleWithFixedDelay(coordinator::sweepLogged, every, every, TimeUnit.MILLISECONDS);
        return coordinator;
    }

    private void subscribe() {
        // Unordered: one slow request must not hold back others of the same subject.
        InProcessOptions options = new InProcessOptions(10, false);
        String service = settings.serviceName();
        registrations.add(bus.on(EventTypes.AI_ANALYSIS_REQUESTED, service, options, tasks::requested));
        registrations.add(bus.on(EventTypes.AI_ANALYSIS_STARTED, service, options, tasks::started));
        registrations.add(bus.on(EventTypes.AGENT_TASK_COMPLETED, service, options, tasks::completed));
        registrations.add(bus.on(EventTypes.AGENT_TASK_FAILED, service, options, this::agentFailed));
        rules.refresh();
    }

    private void agentFailed(Event event) {
        if (!settings.serviceName().equals(event.sourceService())) {
            tasks.agentFailed(event);
        }
    }

    /**
     * Registers an agent (a new one, or again under its id after a restart) and the subscription
     * its tasks reach it through: the {@code agent.*} events the coordinator addresses to it.
     */
    public AgentRegistration register(Agent agent) {
        Instant now = settings.clock().instant();
        Agent live = agent.withStatus(AgentStatus.LIVE, now);
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        pattern.putArray("event_type").add(EventTypes.AGENT_TASK_ASSIGNED).add(CoordinatorEvents.TASK_CANCELED)
                .add(EventTypes.AGENT_TASK_FAILED);
        pattern.putArray("source_service").add(settings.serviceName());
        pattern.putObject("data").putArray("agent_id").add(agent.id().toString());
        DeliveryMode mode = agent.delivery() == AgentDelivery.WEBHOOK ? DeliveryMode.WEBHOOK : DeliveryMode.PULL;
        Subscription subscription = bus.subscribe(new Subscription(agent.id(), agent.tenantId(), "agent.*",
                agent.serviceName(), mode, agent.webhookUrl(), null, AGENT_DELIVERY_ATTEMPTS, PayloadFormat.EVENTBUS,
                false, SubscriptionStatus.ACTIVE, now, null, null, EventFilter.of(pattern), null));
        Agent saved = store.saveAgent(live);
        sweepSoon();
        return new AgentRegistration(saved, subscription.id(),
                mode == DeliveryMode.WEBHOOK ? subscription.secret() : null);
    }

    /** Keeps the agent live (again, if it was gone). */
    public Agent heartbeat(UUID agentId) {
        return store.heartbeat(agentId, settings.clock().instant())
                .orElseThrow(() -> new NotFoundException("agent " + agentId + " does not exist"));
    }

    /** Removes the agent and its subscription; its tasks go to other agents. */
    public void deregister(UUID agentId) {
        if (!store.deleteAgent(agentId)) {
            throw new NotFoundException("agent " + agentId + " does not exist");
        }
        try {
            bus.unsubscribe(agentId);
        } catch (NotFoundException e) {
            // removed by hand already
        }
        store.tasksHeldBy(agentId).forEach(t -> tasks.takeBack(t, "agent " + agentId + " was deregistered"));
    }

    public List<Agent> agents() {
        return store.agents();
    }

    public Optional<Agent> agent(UUID id) {
        return store.findAgent(id);
    }

    public Optional<AgentTask> task(UUID id) {
        return store.findTask(id);
    }

    public Optional<AnalysisRequest> request(UUID requestEventId) {
        return store.findRequest(requestEventId);
    }

    /** Cancels a task that is not final yet; throws {@link NotFoundException} or a conflict otherwise. */
    public AgentTask cancel(UUID taskId, String reason) {
        return tasks.cancel(taskId, reason == null ? "canceled" : reason);
    }

    public WorkflowRule saveRule(WorkflowRule rule) {
        WorkflowRule saved = store.saveRule(rule);
        rules.refresh();
        return saved;
    }

    public List<WorkflowRule> rules() {
        return store.rules();
    }

    public Optional<WorkflowRule> rule(UUID id) {
        return store.findRule(id);
    }

    public void deleteRule(UUID id) {
        if (!store.deleteRule(id)) {
            throw new NotFoundException("workflow rule " + id + " does not exist");
        }
        rules.refresh();
    }

    /**
     * One round of the sweeper's work, now: silent agents are marked gone and their tasks taken
     * back, tasks past their deadline are taken back (reassigned, or failed after their last
     * attempt), waiting tasks are assigned or, past their wait, failed; rules are re-read.
     * Tests call it after moving their clock.
     */
    public void sweep() {
        Instant now = settings.clock().instant();
        for (Agent gone : store.markGone(now.minus(settings.heartbeatTimeout()))) {
            LOG.info("Agent {} ({}) missed its heartbeats; taking back its tasks", gone.id(), gone.serviceName());
            store.tasksHeldBy(gone.id()).forEach(t -> tasks.takeBack(t, "agent " + gone.id()
                    + " stopped sending heartbeats"));
        }
        for (AgentTask task : store.dueTasks(now, SWEEP_BATCH)) {
            if (task.status() == TaskStatus.SUBMITTED) {
                tasks.retryWaiting(task);
            } else {
                tasks.takeBack(task, "agent " + task.agentId() + " missed the deadline of " + task.deadlineMs()
                        + " ms");
            }
        }
        rules.refresh();
    }

    private void sweepSoon() {
        try {
            sweeper.execute(this::sweepLogged);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("Agent coordinator sweep failed; trying again in {} ms: {}", settings.sweepInterval().toMillis(),
                    e.toString());
        }
    }

    /** Stops sweeping and receiving; the subscriptions stay, so another coordinator (or a restart) carries on. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        try {
            sweeper.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        registrations.forEach(Registration::close);
        rules.close();
    }
}

package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.AgentDelivery;
import com.bizosaas.eventbus.agents.CoordinatorSettings;
import com.bizosaas.eventbus.memory.InMemoryCoordinationStore;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Request → {@code agent.task_assigned} latency of the agent coordinator at a fixed request rate
 * with 10 registered agents, on the in-memory store or PostgreSQL (127.0.0.1:5432, user postgres,
 * database test, a schema of its own, dropped at the end). The baseline, in the same run on the
 * same kind of bus, is the bus doing the same hops without the coordinator: an in-process handler
 * that answers each request event by publishing one event addressed to the agents' service.
 * Counts requests never assigned (lost) and assigned twice (two distinct assignment events).
 *
 * <p>{@code java -cp eventbus-benchmarks/target/benchmarks.jar
 * com.bizosaas.eventbus.benchmarks.AgentAssignmentDriver [memory|postgres] [seconds] [requests/s]}
 */
public final class AgentAssignmentDriver {
    private static final int AGENTS = 10;
    private static final String AGENT_SERVICE = "ai-agents";

    private AgentAssignmentDriver() {
    }

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "memory";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        System.out.printf(Locale.ROOT, "store=%s, %d s at %d requests/s, %d agents%n", store, seconds, rate, AGENTS);
        System.out.println("baseline (bus hop, no coordinator): " + run(store, seconds, rate, false));
        System.out.println("coordinator:                        " + run(store, seconds, rate, true));
    }

    private static String run(String store, int seconds, int rate, boolean coordinated) throws Exception {
        String schema = "bench_agents_" + UUID.randomUUID().toString().substring(0, 8);
        PostgresDatabase db = "postgres".equals(store) ? PostgresDatabase.start(PostgresConfig.builder()
                .host("127.0.0.1").port(5432).user("postgres").password("").database("test").schema(schema)
                .poolSize(16).build()) : null;
        EventBus.Builder builder = EventBus.builder();
        if (db != null) {
            builder.store(db.eventStore()).subscriptionStore(db.subscriptionStore()).deliveryStore(db.deliveryStore());
        }
        EventBus bus = builder.build().start();
        CoordinationStore coordination = db != null ? db.coordinationStore() : new InMemoryCoordinationStore();
        AgentCoordinator coordinator = null;
        UUID tenant = UUID.randomUUID();
        int total = seconds * rate;
        Latencies latencies = new Latencies(total);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        // Distinct assignment events per request: a redelivery of one event to this observer is not a second assignment.
        Map<String, Set<UUID>> assignedPerRequest = new ConcurrentHashMap<>();
        String requestType = coordinated ? "ai.analysis_requested" : "bench.requested";
        try {
            if (coordinated) {
                // The agents never heartbeat and never finish: heartbeat timeout and deadline outlast the run,
                // so every assignment event counted is a first assignment, never a legitimate reassignment.
                coordinator = AgentCoordinator.start(bus, coordination, CoordinatorSettings.DEFAULTS
                        .withTimes(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofSeconds(30)));
                for (int i = 0; i < AGENTS; i++) {
                    coordinator.register(Agent.register(UUID.randomUUID(), tenant, AGENT_SERVICE,
                            List.of("lead_scoring"), Agent.MAX_CAPACITY, AgentDelivery.PULL, null, Instant.now()));
                }
            } else {
                bus.on(requestType, "bench-baseline", e -> bus.publish(Event.builder().type("agent.task_assigned")
                        .tenant(e.tenantId()).source("bench-baseline").causationId(e.id().toString())
                        .correlationId(UUID.randomUUID().toString()).targetServices(List.of(AGENT_SERVICE))
                        .data(JsonNodeFactory.instance.objectNode().put("request_id", e.id().toString())).build()));
            }
            bus.on("agent.task_assigned", AGENT_SERVICE, e -> {
                long now = System.nanoTime();
                Set<UUID> seen = assignedPerRequest.computeIfAbsent(e.causationId(), k -> ConcurrentHashMap.newKeySet());
                Long sent = sentAt.get(e.causationId());
                if (seen.add(e.id()) && seen.size() == 1 && sent != null) {
                    latencies.record(now - sent);
                }
            });
            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger sentCount = new AtomicInteger();
            long periodNanos = 1_000_000_000L / rate;
            sender.scheduleAtFixedRate(() -> {
                if (sentCount.getAndIncrement() >= total) {
                    return;
                }
                UUID id = UUID.randomUUID();
                sentAt.put(id.toString(), System.nanoTime());
                bus.publish(Event.builder().id(id).type(requestType).tenant(tenant).source("crm-service")
                        .data(JsonNodeFactory.instance.objectNode().put("analysis_type", "lead_scoring")).build());
            }, 0, periodNanos, TimeUnit.NANOSECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
            while (assignedPerRequest.size() < total && System.nanoTime() < deadline) {
                Thread.sleep(100); // a load driver waiting for stragglers, not a test
            }
            sender.shutdownNow();
            long doubles = assignedPerRequest.values().stream().filter(n -> n.size() > 1).count();
            return latencies.summary() + String.format(Locale.ROOT, ", lost=%d, assigned twice=%d",
                    total - assignedPerRequest.size(), doubles);
        } finally {
            if (coordinator != null) {
                coordinator.close();
            }
            bus.close();
            coordination.close();
            if (db != null) {
                db.close();
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                     Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }
}

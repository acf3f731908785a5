package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.AgentDelivery;
import com.bizosaas.eventbus.agents.CoordinatorSettings;
import com.bizosaas.eventbus.agents.TaskStatus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two coordinators, each on its own bus and connection pool, share one PostgreSQL schema: they
 * take the coordinator's deliveries from the same store, so both assign. One is stopped in the
 * middle of the requests (its bus closed with deliveries in hand); the other finishes its work.
 */
class TwoCoordinatorsIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();
    private static final int REQUESTS = 200;
    private static final int AGENTS = 10;

    @Test
    void everyTaskIsAssignedExactlyOnceEvenWhenOneCoordinatorDies() throws Exception {
        PostgresConfig config = POSTGRES.migratedSchema();
        UUID tenant = UUID.randomUUID();
        PostgresDatabase dbA = PostgresDatabase.start(config);
        PostgresDatabase dbB = PostgresDatabase.start(config);
        EventBus busA = bus(dbA);
        EventBus busB = bus(dbB);
        // Agents that never heartbeat stay live for the test's length; deadlines never pass in it.
        CoordinatorSettings settings = CoordinatorSettings.DEFAULTS.withSweepInterval(Duration.ofMillis(100))
                .withTimes(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(10));
        AgentCoordinator a = AgentCoordinator.start(busA, dbA.coordinationStore(), settings);
        AgentCoordinator b = AgentCoordinator.start(busB, dbB.coordinationStore(), settings);
        CoordinationStore store = dbB.coordinationStore();
        try {
            List<UUID> agents = new ArrayList<>();
            for (int i = 0; i < AGENTS; i++) {
                agents.add(b.register(Agent.register(UUID.randomUUID(), tenant, "ai-agents", List.of("lead_scoring"),
                        REQUESTS, AgentDelivery.PULL, null, Instant.now())).agent().id());
            }
            List<UUID> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                if (i == REQUESTS / 2) {
                    // A dies with whatever deliveries it has claimed; their leases expire and B takes them.
                    a.close();
                    busA.close();
                }
                requests.add(busB.publish(Event.builder().type(EventTypes.AI_ANALYSIS_REQUESTED).tenant(tenant)
                        .source("crm-service").data(JsonNodeFactory.instance.objectNode()
                                .put("analysis_type", "lead_scoring").put("n", i)).build()).eventId());
            }

            try {
                Await.until(Duration.ofSeconds(60), () -> assignedCount(store, requests) == REQUESTS,
                        "every request's task is assigned");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; assigned: " + assignedCount(store, requests), e);
            }

            List<Event> assigned = history(busB, tenant, EventTypes.AGENT_TASK_ASSIGNED);
            Map<String, Long> perTask = assigned.stream()
                    .collect(Collectors.groupingBy(Event::correlationId, Collectors.counting()));
            assertThat(perTask).hasSize(REQUESTS);
            assertThat(perTask.values()).allMatch(n -> n == 1);
            assertThat(assigned).allMatch(e -> e.data().get("attempt").asInt() == 1);
            Map<UUID, Integer> load = agents.stream().collect(Collectors.toMap(Function.identity(),
                    id -> store.findAgent(id).orElseThrow().activeTasks()));
            assertThat(load.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
            // Least loaded first spreads them: no agent holds more than its share plus what races allow.
            assertThat(load.values()).allMatch(n -> n <= REQUESTS / AGENTS + 5);
        } finally {
            a.close();
            b.close();
            busA.close();
            busB.close();
            dbA.close();
            dbB.close();
        }
    }

    private static long assignedCount(CoordinationStore store, List<UUID> requests) {
        return requests.stream().filter(r -> store.findTask(taskOf(r))
                .map(t -> t.status() == TaskStatus.ASSIGNED).orElse(false)).count();
    }

    private static EventBus bus(PostgresDatabase db) {
        return EventBus.builder().store(db.eventStore()).subscriptionStore(db.subscriptionStore())
                .deliveryStore(db.deliveryStore()).deliveryLease(Duration.ofSeconds(2)).build().start();
    }

    private static UUID taskOf(UUID request) {
        return UUID.nameUUIDFromBytes((request + ":0").getBytes(StandardCharsets.UTF_8));
    }

    private static List<Event> history(EventBus bus, UUID tenant, String type) {
        List<Event> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            Page<Event> page = bus.history(EventQuery.forTenant(tenant).types(type).after(cursor)
                    .limit(EventQuery.MAX_LIMIT).order(SortOrder.OLDEST_FIRST).build());
            all.addAll(page.items());
            if (!page.hasMore()) {
                return all;
            }
            cursor = page.nextCursor();
        }
    }
}

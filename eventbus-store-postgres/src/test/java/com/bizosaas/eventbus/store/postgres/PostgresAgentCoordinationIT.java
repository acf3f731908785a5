package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.TaskStatus;
import com.bizosaas.eventbus.contract.AgentCoordinationContract;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.spi.CoordinationStore;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The coordinator on a bus whose events, deliveries and coordination state are in PostgreSQL. */
class PostgresAgentCoordinationIT extends AgentCoordinationContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private PostgresDatabase database;

    @Override
    protected EventBus.Builder busBuilder() {
        database = PostgresDatabase.start(POSTGRES.migratedSchema());
        return EventBus.builder().store(database.eventStore()).subscriptionStore(database.subscriptionStore())
                .deliveryStore(database.deliveryStore());
    }

    @Override
    protected CoordinationStore newCoordinationStore() {
        return database.coordinationStore();
    }

    @Test
    void tasksAndAgentsSurviveARestartOfTheDatabaseConnection() {
        UUID agent = register(tenant, 2, "lead_scoring");
        UUID request = request(data("lead_scoring"));
        awaitAssigned(request);

        try (PostgresDatabase again = PostgresDatabase.start(POSTGRES.migratedSchema())) {
            CoordinationStore reopened = again.coordinationStore();
            AgentTask task = reopened.findTask(taskOf(request)).orElseThrow();
            assertThat(task.status()).isEqualTo(TaskStatus.ASSIGNED);
            assertThat(task.agentId()).isEqualTo(agent);
            Await.until(WAIT, () -> reopened.findAgent(agent).orElseThrow().activeTasks() == 1,
                    "the agent's load is stored");
            assertThat(reopened.findRequest(request)).isPresent();
        }
    }
}

package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An SDK agent takes the coordinator's tasks and an SDK request gets their aggregated result. */
class AgentsIT {
    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    private final UUID tenant = UUID.randomUUID();

    @Test
    void twoAgentsScoreALeadAndTheRequesterGetsTheMeanAndSpread() throws Exception {
        List<AssignedTask> seen = new CopyOnWriteArrayList<>();
        EventBusClient agents = SERVER.client("ai-agents");
        AgentWorker low = agents.agent(AgentOptions.pull(2, "lead_scoring").forTenant(tenant), task -> {
            seen.add(task);
            return Map.of("score", 60, "confidence", 80);
        });
        AgentWorker high = agents.agent(AgentOptions.pull(2, "lead_scoring").forTenant(tenant), task -> {
            seen.add(task);
            return Map.of("score", 90, "confidence", 100);
        });

        AnalysisResult result = SERVER.client("crm-service").requestAnalysis(tenant, "lead_scoring",
                Map.of("lead_id", "L-7", "agents", 2, "policy", "all"), Duration.ofSeconds(30))
                .get(40, TimeUnit.SECONDS);

        assertThat(result.isCompleted()).as(result.outcome().toString()).isTrue();
        assertThat(result.outcome().at("/results/score").asDouble()).isEqualTo(75.0);
        assertThat(result.outcome().at("/aggregate/score/spread").asDouble()).isEqualTo(30.0);
        assertThat(result.outcome().get("lead_id").asText()).isEqualTo("L-7");
        assertThat(seen).extracting(AssignedTask::agentId).containsExactlyInAnyOrder(low.id(), high.id());
        assertThat(seen).allMatch(t -> t.input().get("lead_id").asText().equals("L-7"));
        low.close();
        high.close();
    }

    @Test
    void aFailingAgentsTaskGoesToAnotherAndARequestNoAgentCanServeFails() throws Exception {
        EventBusClient agents = SERVER.client("ai-agents");
        agents.agent(AgentOptions.pull(1, "campaign_performance").forTenant(tenant), task -> {
            throw new IllegalStateException("model unavailable");
        });
        AnalysisResult failed = SERVER.client("campaigns").requestAnalysis(tenant, "campaign_performance",
                Map.of("max_attempts", 1), Duration.ofSeconds(30)).get(40, TimeUnit.SECONDS);

        assertThat(failed.isCompleted()).isFalse();
        assertThat(failed.outcome().get("errors").toString()).contains("model unavailable");
    }
}

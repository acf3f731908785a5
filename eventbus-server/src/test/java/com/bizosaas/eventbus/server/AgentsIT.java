package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent and workflow routes on the real server: an analysis requested through the seed's demo
 * route reaches a registered pull agent as agent.task_assigned, its result comes back as
 * ai.analysis_completed and, through a rule, lead.qualified; bad input is a clear 4xx; a tenant's
 * key sees only its tenant's agents, tasks and rules.
 */
class AgentsIT {
    private static final String TENANT = UUID.randomUUID().toString();
    private static final String OTHER = UUID.randomUUID().toString();
    private static final String[] PLATFORM = {"X-API-Key", "agents-key"};
    private static final String[] CRM = {"X-API-Key", "crm-key"};
    private static final String[] OTHER_KEY = {"X-API-Key", "other-key"};

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of(
            "EVENTBUS_API_KEYS", "crm-key:" + TENANT + ",other-key:" + OTHER + ",agents-key:*"));

    private final TestHttp http = SERVER.http();

    @Test
    void aRequestedAnalysisReachesAPullAgentAndItsResultQualifiesTheLeadThroughARule() {
        Reply rule = http.post("/workflows", """
                {"name": "qualify hot leads", "on": "ai.analysis_completed",
                 "condition": "data.results.score >= 70", "publish": "lead.qualified",
                 "data": {"lead_id": "data.lead_id", "score": "data.results.score"}}""", CRM);
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        assertThat(rule.json().get("tenant_id").asText()).isEqualTo(TENANT);
        Reply agent = http.post("/agents", """
                {"service_name": "ai-agents", "task_types": ["lead_scoring"], "capacity": 2, "delivery": "pull"}""",
                CRM);
        assertThat(agent.status()).as(agent.body()).isEqualTo(201);
        String agentId = agent.json().get("id").asText();
        String subscription = agent.json().get("subscription_id").asText();

        Reply requested = http.post("/demo/ai-analysis", """
                {"tenant_id": "%s", "analysis_type": "lead_scoring", "lead_id": "L-42"}""".formatted(TENANT), CRM);
        String requestId = requested.json().get("event_id").asText();
        JsonNode task = pullOne(subscription);
        assertThat(task.get("event_type").asText()).isEqualTo("agent.task_assigned");
        assertThat(task.at("/data/agent_id").asText()).isEqualTo(agentId);
        assertThat(task.at("/data/input/lead_id").asText()).isEqualTo("L-42");
        String taskId = task.get("correlation_id").asText();

        assertThat(http.post("/agents/" + agentId + "/heartbeat", "{}", CRM).json().get("status").asText())
                .isEqualTo("live");
        Reply done = http.post("/events/publish", """
                {"event_type": "agent.task_completed", "tenant_id": "%s", "source_service": "ai-agents",
                 "correlation_id": "%s", "data": {"agent_id": "%s", "results": {"score": 87, "confidence": 92}}}"""
                .formatted(TENANT, taskId, agentId), CRM);
        assertThat(done.status()).as(done.body()).isEqualTo(201);

        Await.until("the request completes", Duration.ofSeconds(20), () -> "completed".equals(
                http.get("/agents/requests/" + requestId, CRM).json().path("status").asText()));
        JsonNode request = http.get("/agents/requests/" + requestId, CRM).json();
        assertThat(request.at("/outcome/results/score").asDouble()).isEqualTo(87.0);
        JsonNode taskView = http.get("/agents/tasks/" + taskId, CRM).json();
        assertThat(taskView.get("status").asText()).isEqualTo("completed");
        assertThat(taskView.get("history")).hasSize(3);
        Await.until("the rule qualifies the lead", Duration.ofSeconds(20), () -> history("lead.qualified").size() == 1);
        assertThat(history("lead.qualified").get(0).at("/data/lead_id").asText()).isEqualTo("L-42");

        assertThat(http.post("/agents/tasks/" + taskId + "/cancel", "{}", CRM).status()).isEqualTo(409);
        assertThat(http.delete("/agents/" + agentId, CRM).status()).isEqualTo(200);
        assertThat(http.get("/agents/" + agentId, CRM).status()).isEqualTo(404);
    }

    @Test
    void badRegistrationsAndRulesAreClearErrorsThatChangeNothing() {
        int before = http.get("/agents", PLATFORM).json().size();
        assertBad(http.post("/agents", "{\"service_name\": \"a\", \"task_types\": [\"x\"], \"delivery\": \"pull\"}",
                PLATFORM), "capacity");
        assertBad(http.post("/agents", "{\"service_name\": \"a\", \"task_types\": [\"x\"], \"capacity\": 1, "
                + "\"delivery\": \"carrier-pigeon\"}", PLATFORM), "delivery");
        assertBad(http.post("/agents", "{\"service_name\": \"a\", \"task_types\": [], \"capacity\": 1, "
                + "\"delivery\": \"pull\"}", PLATFORM), "task_types");
        assertBad(http.post("/agents", "{\"service_name\": \"a\", \"task_types\": [\"x\"], \"capacity\": 1, "
                + "\"delivery\": \"webhook\"}", PLATFORM), "webhook_url");
        assertBad(http.post("/agents", "{\"service_name\": \"a\", \"tasks\": [\"x\"]}", PLATFORM), "tasks");
        assertBad(http.post("/agents", "{not json", PLATFORM), null);
        assertThat(http.get("/agents", PLATFORM).json().size()).isEqualTo(before);

        assertBad(http.post("/workflows", """
                {"name": "r", "on": "ai.analysis_completed", "condition": "score is high", "publish": "lead.qualified"}""",
                CRM), "condition");
        assertBad(http.post("/workflows", """
                {"name": "r", "on": "lead.*", "publish": "lead.qualified"}""", CRM), "publish");
        assertBad(http.post("/workflows", """
                {"name": "r", "on": "lead.created", "publish": "lead.qualified", "data": {"x": 5}}""", CRM), "data.x");
        assertThat(http.get("/agents/not-a-uuid", PLATFORM).status()).isEqualTo(400);
        assertThat(http.get("/agents/" + UUID.randomUUID(), PLATFORM).status()).isEqualTo(404);
        assertThat(http.get("/agents/tasks/" + UUID.randomUUID(), PLATFORM).status()).isEqualTo(404);
        assertThat(http.post("/agents/" + UUID.randomUUID() + "/heartbeat", "{}", PLATFORM).status()).isEqualTo(404);
        assertThat(http.delete("/workflows/" + UUID.randomUUID(), PLATFORM).status()).isEqualTo(404);
    }

    @Test
    void aTenantKeySeesOnlyItsTenantsAgentsAndRules() {
        String mine = http.post("/agents", """
                {"service_name": "ai-agents", "task_types": ["campaign_performance"], "capacity": 1,
                 "delivery": "pull"}""", OTHER_KEY).json().get("id").asText();
        String platform = http.post("/agents", """
                {"service_name": "ai-agents", "task_types": ["campaign_performance"], "capacity": 1,
                 "delivery": "pull"}""", PLATFORM).json().get("id").asText();
        String rule = http.post("/workflows", """
                {"name": "r", "on": "campaign.launched", "publish": "ai.analysis_requested"}""", OTHER_KEY)
                .json().get("id").asText();

        assertThat(http.get("/agents", OTHER_KEY).json().findValuesAsText("id")).contains(mine)
                .doesNotContain(platform);
        assertThat(http.get("/agents", CRM).json().findValuesAsText("id")).doesNotContain(mine, platform);
        assertThat(http.get("/agents/" + mine, CRM).status()).isEqualTo(404);
        assertThat(http.delete("/agents/" + mine, CRM).status()).isEqualTo(404);
        assertThat(http.get("/workflows/" + rule, CRM).status()).isEqualTo(404);
        assertThat(http.get("/workflows", CRM).json().findValuesAsText("id")).doesNotContain(rule);
        assertThat(http.post("/agents", """
                {"service_name": "a", "task_types": ["x"], "capacity": 1, "delivery": "pull", "tenant_id": "%s"}"""
                .formatted(OTHER), CRM).status()).isEqualTo(403);
        assertThat(http.get("/agents", PLATFORM).json().findValuesAsText("id")).contains(mine, platform);
    }

    private JsonNode pullOne(String subscription) {
        JsonNode[] got = new JsonNode[1];
        Await.until("the agent's task arrives on its pull subscription", Duration.ofSeconds(20), () -> {
            JsonNode events = http.post("/subscriptions/" + subscription + "/pull", "{\"wait_ms\": 1000}", CRM)
                    .json().path("events");
            if (events.size() > 0) {
                got[0] = events.get(0);
                return true;
            }
            return false;
        });
        JsonNode event = got[0].has("event") ? got[0].get("event") : got[0];
        return event;
    }

    private java.util.List<JsonNode> history(String type) {
        JsonNode events = http.post("/events/history", "{\"tenant_id\": \"%s\", \"event_types\": [\"%s\"]}"
                .formatted(TENANT, type), CRM).json().path("events");
        java.util.List<JsonNode> list = new java.util.ArrayList<>();
        events.forEach(list::add);
        return list;
    }

    private static void assertBad(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        if (field != null) {
            assertThat(reply.json().get("field").asText()).as(reply.body()).isEqualTo(field);
        }
    }
}

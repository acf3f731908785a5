package com.bizosaas.eventbus.examples;

import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_AGENTS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_COMPLETED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_REQUESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_STARTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGNS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_LAUNCHED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZATION_SUGGESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_PERFORMANCE;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_CREATED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_SCORING;

import com.bizosaas.eventbus.client.AgentOptions;
import com.bizosaas.eventbus.client.AgentWorker;
import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.ReceivedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AI agents: installs the rule that asks for lead scoring whenever a lead is created (step 2,
 * "auto", run by the bus), scores leads as an agent of the bus's coordinator (step 3; the coordinator publishes step 4), and monitors launched campaigns, analyses their performance and suggests
 * optimizations (campaign steps 2 to 4). The "models" are simple deterministic rules.
 */
public final class AiAgentsService extends ExampleService {

    private AgentWorker scorer;

    public AiAgentsService(EventBusClient bus) {
        super(bus);
    }

    /** Step 2 is a workflow rule of the bus, not code: every lead.created asks for lead scoring. */
    static final String SCORE_NEW_LEADS = "score new leads";

    @Override
    AiAgentsService start() {
        ensureLeadScoringRule();
        // The lead scorer is an agent of the coordinator: it gets lead_scoring tasks, the coordinator
        // publishes ai.analysis_completed (and would reassign a task this agent failed to finish).
        scorer = bus.agent(AgentOptions.pull(4, LEAD_SCORING), task -> Map.of(
                "score", score(task.input().path("contact_info")), "confidence", 92));
        on(CAMPAIGN_LAUNCHED, this::monitorCampaign);
        return this;
    }

    /** Saved once per deployment (looked up by name), for every tenant. */
    private void ensureLeadScoringRule() {
        for (JsonNode rule : bus.workflows()) {
            if (SCORE_NEW_LEADS.equals(rule.path("name").asText())) {
                return;
            }
        }
        ObjectNode rule = JsonNodeFactory.instance.objectNode()
                .put("name", SCORE_NEW_LEADS).put("on", LEAD_CREATED).put("publish", AI_ANALYSIS_REQUESTED);
        rule.putObject("data").put("lead_id", "data.lead_id").put("contact_info", "data.contact_info");
        rule.putObject("set").put("analysis_type", LEAD_SCORING);
        bus.saveWorkflow(rule);
    }

    @Override
    public void close() {
        super.close();
        if (scorer != null) {
            scorer.close();
        }
    }

    /** A company, a work e-mail address and a senior title each make a lead likelier to buy. */
    static int score(JsonNode contact) {
        int score = 10;
        if (!contact.path("company").asText().isBlank()) {
            score += 35;
        }
        String email = contact.path("email").asText().toLowerCase(Locale.ROOT);
        if (email.contains("@") && !email.endsWith("@gmail.com") && !email.endsWith("@yahoo.com")) {
            score += 30;
        }
        String title = contact.path("title").asText().toLowerCase(Locale.ROOT);
        if (title.contains("vp") || title.contains("head") || title.contains("director") || title.contains("chief")) {
            score += 25;
        }
        return score;
    }

    private void monitorCampaign(ReceivedEvent received) {
        Event launched = received.event();
        String campaignId = launched.data().path("campaign_id").asText();
        bus.publish(PublishRequest.causedBy(AI_ANALYSIS_STARTED, launched)
                .subject(launched.subject())
                .data(Map.of("analysis_type", CAMPAIGN_PERFORMANCE, "campaign_id", campaignId,
                        "agent", "campaign-monitor-agent"))
                .build());

        double budget = launched.data().path("daily_budget").asDouble();
        Map<String, Object> performance = Map.of("click_through_rate", 0.018, "cost_per_lead", budget / 40,
                "best_channel", "search");
        bus.publish(PublishRequest.causedBy(AI_ANALYSIS_COMPLETED, launched)
                .subject(launched.subject())
                .targetServices(CAMPAIGNS)
                .data(Map.of("analysis_type", CAMPAIGN_PERFORMANCE, "campaign_id", campaignId,
                        "results", performance))
                .build());

        bus.publish(PublishRequest.causedBy(CAMPAIGN_OPTIMIZATION_SUGGESTED, launched)
                .subject(launched.subject())
                .targetServices(CAMPAIGNS)
                .data(Map.of("campaign_id", campaignId, "suggestions", List.of(
                        Map.of("action", "shift_budget", "to_channel", "search", "percent", 20),
                        Map.of("action", "pause_keywords", "count", 3))))
                .build());
    }

    public static void main(String[] args) {
        ServiceMain.run(args, AI_AGENTS, AiAgentsService::new);
    }
}

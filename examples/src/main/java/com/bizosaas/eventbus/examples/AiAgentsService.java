package com.bizosaas.eventbus.examples;

import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_AGENTS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_COMPLETED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_REQUESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_STARTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGNS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_LAUNCHED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZATION_SUGGESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_PERFORMANCE;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CRM;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_CREATED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_SCORING;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.ReceivedEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The AI agents: asks for lead scoring whenever a lead is created (step 2, "auto"), scores leads
 * (steps 3 and 4), and monitors launched campaigns, analyses their performance and suggests
 * optimizations (campaign steps 2 to 4). The "models" are simple deterministic rules.
 */
public final class AiAgentsService extends ExampleService {

    public AiAgentsService(EventBusClient bus) {
        super(bus);
    }

    @Override
    AiAgentsService start() {
        on(LEAD_CREATED, this::requestLeadScoring);
        on(AI_ANALYSIS_REQUESTED, this::runAnalysis);
        on(CAMPAIGN_LAUNCHED, this::monitorCampaign);
        return this;
    }

    private void requestLeadScoring(ReceivedEvent received) {
        Event lead = received.event();
        bus.publish(PublishRequest.causedBy(AI_ANALYSIS_REQUESTED, lead)
                .subject(lead.subject())
                .targetServices(AI_AGENTS)
                .data(Map.of("analysis_type", LEAD_SCORING,
                        "lead_id", lead.data().path("lead_id").asText(),
                        "contact_info", lead.data().path("contact_info")))
                .build());
    }

    private void runAnalysis(ReceivedEvent received) {
        Event request = received.event();
        String type = request.data().path("analysis_type").asText();
        if (!LEAD_SCORING.equals(type)) {
            return;
        }
        String leadId = request.data().path("lead_id").asText();
        bus.publish(PublishRequest.causedBy(AI_ANALYSIS_STARTED, request)
                .subject(request.subject())
                .data(Map.of("analysis_type", type, "lead_id", leadId, "agent", "lead-scoring-agent"))
                .build());
        int score = score(request.data().path("contact_info"));
        bus.publish(PublishRequest.causedBy(AI_ANALYSIS_COMPLETED, request)
                .subject(request.subject())
                .targetServices(CRM)
                .data(Map.of("analysis_type", type, "lead_id", leadId,
                        "results", Map.of("score", score, "confidence", 92)))
                .build());
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

package com.bizosaas.eventbus.examples;

import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGNS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_LAUNCHED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZATION_SUGGESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_QUALIFIED;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.ReceivedEvent;
import java.util.Map;
import java.util.UUID;

/**
 * Campaign management: launches campaigns (campaign step 1), adds qualified leads to the sales
 * or nurture audience (lead step 6), and applies the AI's suggestions automatically (campaign
 * step 5). Each change is a {@code campaign.optimized} event.
 */
public final class CampaignService extends ExampleService {

    public CampaignService(EventBusClient bus) {
        super(bus);
    }

    @Override
    CampaignService start() {
        on(LEAD_QUALIFIED, this::addLeadToAudience);
        on(CAMPAIGN_OPTIMIZATION_SUGGESTED, this::applySuggestions);
        return this;
    }

    /** Launches a campaign; returns the workflow's correlation id. */
    public String launchCampaign(UUID tenant, String name, double dailyBudget) {
        String campaignId = UUID.randomUUID().toString();
        String correlationId = "campaign-optimization-" + campaignId;
        bus.publish(PublishRequest.builder(CAMPAIGN_LAUNCHED, tenant)
                .subject("campaign-" + campaignId)
                .correlationId(correlationId)
                .data(Map.of("campaign_id", campaignId, "name", name, "daily_budget", dailyBudget))
                .build());
        return correlationId;
    }

    private void addLeadToAudience(ReceivedEvent received) {
        Event qualified = received.event();
        String audience = qualified.data().path("track").asText();
        bus.publish(PublishRequest.causedBy(CAMPAIGN_OPTIMIZED, qualified)
                .subject("audience-" + audience)
                .data(Map.of("reason", "lead_qualified", "lead_id", qualified.data().path("lead_id").asText(),
                        "audience", audience))
                .build());
    }

    private void applySuggestions(ReceivedEvent received) {
        Event suggested = received.event();
        bus.publish(PublishRequest.causedBy(CAMPAIGN_OPTIMIZED, suggested)
                .subject(suggested.subject())
                .data(Map.of("reason", "ai_suggestions", "campaign_id", suggested.data().path("campaign_id").asText(),
                        "applied", suggested.data().path("suggestions")))
                .build());
    }

    public static void main(String[] args) {
        ServiceMain.run(args, CAMPAIGNS, CampaignService::new);
    }
}

package com.bizosaas.eventbus.examples;

import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_COMPLETED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CRM;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_CREATED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_QUALIFIED;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.client.PublishRequest;
import com.bizosaas.eventbus.client.ReceivedEvent;
import java.util.Map;
import java.util.UUID;

/**
 * The CRM: captures leads ({@code lead.created}, step 1 of lead processing) and, when the AI
 * agents' lead scoring completes, qualifies the lead for sales or puts it into nurturing
 * ({@code lead.qualified}, step 5).
 */
public final class CrmService extends ExampleService {
    static final int QUALIFYING_SCORE = 70;

    public CrmService(EventBusClient bus) {
        super(bus);
    }

    @Override
    CrmService start() {
        on(AI_ANALYSIS_COMPLETED, this::qualifyLead);
        return this;
    }

    /** Stores a lead (not shown) and announces it; returns the workflow's correlation id. */
    public String createLead(UUID tenant, Map<String, String> contactInfo) {
        String leadId = UUID.randomUUID().toString();
        String correlationId = "lead-processing-" + leadId;
        bus.publish(PublishRequest.builder(LEAD_CREATED, tenant)
                .subject("lead-" + leadId)
                .correlationId(correlationId)
                .priority(Priority.HIGH)
                .data(Map.of("lead_id", leadId, "contact_info", contactInfo, "source", "web_form"))
                .build());
        return correlationId;
    }

    private void qualifyLead(ReceivedEvent received) {
        Event completed = received.event();
        int score = completed.data().path("results").path("score").asInt();
        String leadId = completed.data().path("lead_id").asText();
        boolean qualified = score >= QUALIFYING_SCORE;
        bus.publish(PublishRequest.causedBy(LEAD_QUALIFIED, completed)
                .subject("lead-" + leadId)
                .data(Map.of("lead_id", leadId, "score", score, "qualified", qualified,
                        "track", qualified ? "sales" : "nurture"))
                .build());
    }

    public static void main(String[] args) {
        ServiceMain.run(args, CRM, CrmService::new);
    }
}

package com.bizosaas.eventbus.examples;

import static com.bizosaas.eventbus.examples.WorkflowEvents.AGENT_COORDINATOR;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_AGENTS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.WORKFLOW_RULES;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_COMPLETED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_REQUESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.AI_ANALYSIS_STARTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.ANALYTICS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.ANALYTICS_RESULTS_TRACKED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGNS;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_LAUNCHED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZATION_SUGGESTED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CAMPAIGN_OPTIMIZED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.CRM;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_CREATED;
import static com.bizosaas.eventbus.examples.WorkflowEvents.LEAD_QUALIFIED;

import com.bizosaas.eventbus.model.Event;
import java.util.List;

/**
 * One step of the seed's workflows, recognised by the event it produces: its type and the
 * service that published it.
 */
record WorkflowStep(String workflow, int number, String title, String eventType, String sourceService) {

    static final String LEAD_PROCESSING = "Lead Processing";
    static final String CAMPAIGN_OPTIMIZATION = "Campaign Optimization";

    /** The seed's lead processing workflow, steps 1 to 6. */
    static final List<WorkflowStep> LEAD_PROCESSING_STEPS = List.of(
            new WorkflowStep(LEAD_PROCESSING, 1, "Lead Created (CRM)", LEAD_CREATED, CRM),
            new WorkflowStep(LEAD_PROCESSING, 2, "AI Analysis Requested (Auto, a workflow rule)", AI_ANALYSIS_REQUESTED,
                    WORKFLOW_RULES),
            new WorkflowStep(LEAD_PROCESSING, 3, "Lead Scoring (AI Agents)", AI_ANALYSIS_STARTED, AI_AGENTS),
            new WorkflowStep(LEAD_PROCESSING, 4, "Analysis Completed (AI Agents, merged by the coordinator)",
                    AI_ANALYSIS_COMPLETED, AGENT_COORDINATOR),
            new WorkflowStep(LEAD_PROCESSING, 5, "Lead Qualified/Nurture (CRM)", LEAD_QUALIFIED, CRM),
            new WorkflowStep(LEAD_PROCESSING, 6, "Campaign Optimization (Campaign Mgmt)", CAMPAIGN_OPTIMIZED, CAMPAIGNS));

    /** The seed's campaign optimization workflow, steps 1 to 6. */
    static final List<WorkflowStep> CAMPAIGN_OPTIMIZATION_STEPS = List.of(
            new WorkflowStep(CAMPAIGN_OPTIMIZATION, 1, "Campaign Launched (Campaign Mgmt)", CAMPAIGN_LAUNCHED, CAMPAIGNS),
            new WorkflowStep(CAMPAIGN_OPTIMIZATION, 2, "Monitoring Started (AI Agents)", AI_ANALYSIS_STARTED, AI_AGENTS),
            new WorkflowStep(CAMPAIGN_OPTIMIZATION, 3, "Performance Analysis (AI Agents)", AI_ANALYSIS_COMPLETED,
                    AI_AGENTS),
            new WorkflowStep(CAMPAIGN_OPTIMIZATION, 4, "Optimization Suggestions (AI Agents)",
                    CAMPAIGN_OPTIMIZATION_SUGGESTED, AI_AGENTS),
            new WorkflowStep(CAMPAIGN_OPTIMIZATION, 5, "Auto-Apply Changes (Campaign Mgmt)", CAMPAIGN_OPTIMIZED,
                    CAMPAIGNS),
            new WorkflowStep(CAMPAIGN_OPTIMIZATION, 6, "Results Tracking (Analytics)", ANALYTICS_RESULTS_TRACKED,
                    ANALYTICS));

    boolean isProducedBy(Event event) {
        return eventType.equals(event.eventType()) && sourceService.equals(event.sourceService());
    }

    String label() {
        return "[" + workflow + "] step " + number + "/6 " + title;
    }
}

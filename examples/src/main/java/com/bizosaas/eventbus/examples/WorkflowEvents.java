package com.bizosaas.eventbus.examples;

/**
 * Event types and service names the example services exchange: the seed's catalogue types plus
 * two custom ones (custom types are allowed as lower-case dotted words).
 */
final class WorkflowEvents {
    static final String LEAD_CREATED = "lead.created";
    static final String LEAD_QUALIFIED = "lead.qualified";
    static final String AI_ANALYSIS_REQUESTED = "ai.analysis_requested";
    static final String AI_ANALYSIS_STARTED = "ai.analysis_started";
    static final String AI_ANALYSIS_COMPLETED = "ai.analysis_completed";
    static final String CAMPAIGN_LAUNCHED = "campaign.launched";
    static final String CAMPAIGN_OPTIMIZED = "campaign.optimized";
    static final String CAMPAIGN_OPTIMIZATION_SUGGESTED = "campaign.optimization_suggested";
    static final String ANALYTICS_RESULTS_TRACKED = "analytics.results_tracked";

    static final String CRM = "crm";
    static final String AI_AGENTS = "ai-agents";
    static final String CAMPAIGNS = "campaign-management";
    static final String ANALYTICS = "analytics";
    /** The bus's own AI agent coordinator, which merges agents' results into ai.analysis_completed. */
    static final String AGENT_COORDINATOR = "agent-coordinator";
    /** The bus's workflow rules, which publish under this service name. */
    static final String WORKFLOW_RULES = "workflow-rules";

    static final String LEAD_SCORING = "lead_scoring";
    static final String CAMPAIGN_PERFORMANCE = "campaign_performance";

    private WorkflowEvents() {
    }
}

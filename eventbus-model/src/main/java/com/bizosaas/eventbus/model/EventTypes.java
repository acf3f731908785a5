package com.bizosaas.eventbus.model;

import java.util.List;

/**
 * The seed's catalogue of domain event types. Custom types are allowed as long as they are
 * lower-case dotted words ({@link #isValid(String)}).
 */
public final class EventTypes {
    public static final String USER_CREATED = "user.created";
    public static final String USER_UPDATED = "user.updated";
    public static final String USER_DEACTIVATED = "user.deactivated";
    public static final String TENANT_CREATED = "tenant.created";
    public static final String TENANT_SUBSCRIPTION_CHANGED = "tenant.subscription_changed";

    public static final String LEAD_CREATED = "lead.created";
    public static final String LEAD_QUALIFIED = "lead.qualified";
    public static final String LEAD_CONVERTED = "lead.converted";
    public static final String CAMPAIGN_CREATED = "campaign.created";
    public static final String CAMPAIGN_LAUNCHED = "campaign.launched";
    public static final String CAMPAIGN_OPTIMIZED = "campaign.optimized";

    public static final String AI_ANALYSIS_REQUESTED = "ai.analysis_requested";
    public static final String AI_ANALYSIS_STARTED = "ai.analysis_started";
    public static final String AI_ANALYSIS_COMPLETED = "ai.analysis_completed";
    public static final String AI_ANALYSIS_FAILED = "ai.analysis_failed";
    public static final String AGENT_TASK_ASSIGNED = "agent.task_assigned";
    public static final String AGENT_TASK_COMPLETED = "agent.task_completed";
    public static final String AGENT_TASK_FAILED = "agent.task_failed";

    /** Every type of the seed's catalogue, in the seed's order. */
    public static final List<String> CATALOGUE = List.of(
            USER_CREATED, USER_UPDATED, USER_DEACTIVATED, TENANT_CREATED, TENANT_SUBSCRIPTION_CHANGED,
            LEAD_CREATED, LEAD_QUALIFIED, LEAD_CONVERTED,
            CAMPAIGN_CREATED, CAMPAIGN_LAUNCHED, CAMPAIGN_OPTIMIZED,
            AI_ANALYSIS_REQUESTED, AI_ANALYSIS_STARTED, AI_ANALYSIS_COMPLETED, AI_ANALYSIS_FAILED,
            AGENT_TASK_ASSIGNED, AGENT_TASK_COMPLETED, AGENT_TASK_FAILED);

    private static final int MAX_LENGTH = 200;

    private EventTypes() {
    }

    /**
     * True for two or more lower-case words of letters, digits and underscores (each starting
     * with a letter), joined by dots. Checked by hand: it runs for every event published.
     */
    public static boolean isValid(String type) {
        if (type == null || type.isEmpty() || type.length() > MAX_LENGTH) {
            return false;
        }
        int dots = 0;
        boolean wordStart = true;
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '.') {
                if (wordStart) {
                    return false;
                }
                dots++;
                wordStart = true;
            } else if (wordStart) {
                if (c < 'a' || c > 'z') {
                    return false;
                }
                wordStart = false;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return dots > 0 && !wordStart;
    }

    /** The first word of a type, e.g. {@code lead} for {@code lead.created}. */
    public static String category(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}

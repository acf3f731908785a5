package com.bizosaas.eventbus.model;

import java.util.List;
import java.util.regex.Pattern;

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

    /** Two or more lower-case words of letters, digits and underscores, joined by dots. */
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    private static final int MAX_LENGTH = 200;

    private EventTypes() {
    }

    public static boolean isValid(String type) {
        return type != null && type.length() <= MAX_LENGTH && TYPE.matcher(type).matches();
    }

    /** The first word of a type, e.g. {@code lead} for {@code lead.created}. */
    public static String category(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}

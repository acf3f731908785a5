package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.delivery.EventPattern;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * "On an event of type {@code on} (when {@code condition} holds), publish {@code publish} with
 * data fields mapped from it": a workflow step that needs no code. {@code data} maps each field
 * of the new event's data to a path in the triggering event ({@code data.lead_id},
 * {@code subject}, {@code correlation_id}); {@code set} adds fixed values. The new event keeps
 * the trigger's subject and correlation id and names it as its cause. Immutable.
 *
 * @param tenantId the tenant whose events it acts on, or {@code null} for every tenant (platform rules)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowRule(
        UUID id,
        @JsonProperty("tenant_id") UUID tenantId,
        String name,
        String on,
        String condition,
        String publish,
        Map<String, String> data,
        ObjectNode set,
        @JsonProperty("target_services") List<String> targetServices,
        @JsonProperty("created_at") Instant createdAt) {

    public static final int MAX_FIELDS = 100;
    private static final Pattern PATH = Pattern.compile("[a-z_][a-z0-9_]*(\\.[A-Za-z0-9_]+)*");

    public WorkflowRule {
        if (id == null) {
            throw new ValidationException("id is required", "id");
        }
        if (name == null || name.isBlank() || name.length() > Event.MAX_FIELD_LENGTH) {
            throw new ValidationException("name is required (at most " + Event.MAX_FIELD_LENGTH + " characters)",
                    "name");
        }
        EventPattern.validate(on, "on");
        if (publish == null || !EventTypes.isValid(publish)) {
            throw new ValidationException("publish must be an event type such as lead.qualified; got "
                    + ValidationException.quote(publish), "publish");
        }
        if (EventPattern.matches(on, publish)) {
            throw new ValidationException("a rule may not publish an event type it reacts to (" + publish
                    + " matches " + on + "): it would trigger itself", "publish");
        }
        data = data == null ? Map.of() : Map.copyOf(data);
        if (data.size() > MAX_FIELDS) {
            throw new ValidationException("data maps at most " + MAX_FIELDS + " fields", "data");
        }
        data.forEach((field, path) -> {
            if (path == null || !PATH.matcher(path).matches()) {
                throw new ValidationException("data." + field + " must be a path in the triggering event such as "
                        + "data.lead_id; got " + ValidationException.quote(path), "data");
            }
        });
        targetServices = targetServices == null ? null : List.copyOf(targetServices);
        if (condition != null) {
            RuleCondition.compile(condition);
        }
    }

    /** The condition as a content filter, or {@code null} when the rule has none. */
    @JsonIgnore
    public EventFilter filter() {
        return condition == null ? null : RuleCondition.compile(condition);
    }

    /** True when it acts on {@code event}: its tenant, type and condition. */
    public boolean appliesTo(Event event, EventFilter compiled) {
        return (tenantId == null || tenantId.equals(event.tenantId()))
                && EventPattern.matches(on, event.eventType())
                && (compiled == null || compiled.matches(event));
    }
}

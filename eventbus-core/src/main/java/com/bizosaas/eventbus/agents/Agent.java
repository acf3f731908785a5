package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered agent: one instance of a service that handles some task types, at most
 * {@code capacity} at a time. Its tasks reach it through the subscription of the same id (pull or
 * webhook). {@code activeTasks} and {@code lastAssignedAt} are kept by the store as tasks are
 * assigned and released. Immutable.
 *
 * @param tenantId the one tenant it serves, or {@code null} for every tenant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Agent(
        UUID id,
        @JsonProperty("tenant_id") UUID tenantId,
        @JsonProperty("service_name") String serviceName,
        @JsonProperty("task_types") List<String> taskTypes,
        int capacity,
        AgentDelivery delivery,
        @JsonProperty("webhook_url") String webhookUrl,
        AgentStatus status,
        @JsonProperty("registered_at") Instant registeredAt,
        @JsonProperty("last_heartbeat") Instant lastHeartbeat,
        @JsonProperty("active_tasks") int activeTasks,
        @JsonProperty("last_assigned_at") Instant lastAssignedAt) {

    /** More concurrent tasks than any one agent instance sensibly runs. */
    public static final int MAX_CAPACITY = 10_000;
    public static final int MAX_TASK_TYPES = 100;

    public Agent {
        if (id == null) {
            throw new ValidationException("id is required", "id");
        }
        if (serviceName == null || serviceName.isBlank() || serviceName.length() > Event.MAX_FIELD_LENGTH) {
            throw new ValidationException("service_name is required (at most " + Event.MAX_FIELD_LENGTH
                    + " characters)", "service_name");
        }
        if (taskTypes == null || taskTypes.isEmpty() || taskTypes.size() > MAX_TASK_TYPES) {
            throw new ValidationException("task_types must list 1 to " + MAX_TASK_TYPES + " task types", "task_types");
        }
        for (String type : taskTypes) {
            if (type == null || type.isBlank() || type.length() > Event.MAX_FIELD_LENGTH) {
                throw new ValidationException("task_types must be non-empty names of at most "
                        + Event.MAX_FIELD_LENGTH + " characters", "task_types");
            }
        }
        taskTypes = List.copyOf(taskTypes);
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new ValidationException("capacity must be between 1 and " + MAX_CAPACITY + "; got " + capacity,
                    "capacity");
        }
        if (delivery == null) {
            throw new ValidationException("delivery is required (pull or webhook)", "delivery");
        }
        if (delivery == AgentDelivery.WEBHOOK && (webhookUrl == null || webhookUrl.isBlank())) {
            throw new ValidationException("webhook_url is required for webhook delivery", "webhook_url");
        }
        if (delivery == AgentDelivery.PULL && webhookUrl != null) {
            throw new ValidationException("webhook_url is only for webhook delivery", "webhook_url");
        }
        status = status == null ? AgentStatus.LIVE : status;
    }

    /** A new live agent, heartbeating as of {@code now}, with no tasks. */
    public static Agent register(UUID id, UUID tenantId, String serviceName, List<String> taskTypes, int capacity,
                                 AgentDelivery delivery, String webhookUrl, Instant now) {
        return new Agent(id, tenantId, serviceName, taskTypes, capacity, delivery, webhookUrl, AgentStatus.LIVE, now,
                now, 0, null);
    }

    /** True when it may take a task of {@code taskType} for {@code tenant} now: live, capable, serving that tenant, not full. */
    public boolean canTake(String taskType, UUID tenant) {
        return status == AgentStatus.LIVE && taskTypes.contains(taskType)
                && (tenantId == null || tenantId.equals(tenant)) && activeTasks < capacity;
    }

    public Agent withStatus(AgentStatus newStatus, Instant heartbeat) {
        return new Agent(id, tenantId, serviceName, taskTypes, capacity, delivery, webhookUrl, newStatus, registeredAt,
                heartbeat, activeTasks, lastAssignedAt);
    }

    /** With the load the store counted. */
    public Agent withLoad(int active, Instant lastAssigned) {
        return new Agent(id, tenantId, serviceName, taskTypes, capacity, delivery, webhookUrl, status, registeredAt,
                lastHeartbeat, active, lastAssigned);
    }
}

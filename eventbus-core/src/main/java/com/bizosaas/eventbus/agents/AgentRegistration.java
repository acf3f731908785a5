package com.bizosaas.eventbus.agents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.UUID;

/**
 * A registered agent and how it gets its tasks: the subscription {@code subscriptionId} (pull it,
 * or receive its webhooks signed with {@code webhookSecret}, given only here). Immutable.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentRegistration(@JsonUnwrapped Agent agent, @JsonProperty("subscription_id") UUID subscriptionId,
                                @JsonProperty("webhook_secret") String webhookSecret) {
}

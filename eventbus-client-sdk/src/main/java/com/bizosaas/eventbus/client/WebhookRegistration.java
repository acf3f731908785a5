package com.bizosaas.eventbus.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to have events of a type pattern POSTed, signed, to a URL of this service.
 * Immutable.
 *
 * @param tenantId    only this tenant's events, or {@code null} for every tenant
 * @param maxAttempts attempts before an event becomes a dead letter, or {@code null} for the server's default
 * @param cloudEvents true for CloudEvents 1.0 structured bodies instead of the bus's own JSON
 * @param ordered     keep per (tenant, subject) order: a failing event holds back later events of
 *                    its subject (the server's default); {@link #unordered()} opts out
 * @param filter      a content filter in the EventBridge pattern syntax (see the README), or
 *                    {@code null} for every event of the type; the server refuses a bad one
 * @param maxPerSecond at most this many deliveries per second (1 to 10,000; the rest wait), or
 *                    {@code null} for no limit
 */
public record WebhookRegistration(String eventType, String webhookUrl, UUID tenantId, Integer maxAttempts,
                                  boolean cloudEvents, boolean ordered, JsonNode filter, Integer maxPerSecond) {

    public WebhookRegistration {
        Objects.requireNonNull(eventType, "event_type is required");
        Objects.requireNonNull(webhookUrl, "webhook_url is required");
    }

    /** Without a content filter or delivery rate. */
    public WebhookRegistration(String eventType, String webhookUrl, UUID tenantId, Integer maxAttempts,
                               boolean cloudEvents, boolean ordered) {
        this(eventType, webhookUrl, tenantId, maxAttempts, cloudEvents, ordered, null, null);
    }

    /** Events of {@code eventType} for every tenant, in the bus's JSON, in order, default attempts. */
    public static WebhookRegistration of(String eventType, String webhookUrl) {
        return new WebhookRegistration(eventType, webhookUrl, null, null, false, true);
    }

    public WebhookRegistration forTenant(UUID tenant) {
        return new WebhookRegistration(eventType, webhookUrl, tenant, maxAttempts, cloudEvents, ordered,
                filter, maxPerSecond);
    }

    public WebhookRegistration withMaxAttempts(int attempts) {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, attempts, cloudEvents, ordered,
                filter, maxPerSecond);
    }

    public WebhookRegistration asCloudEvents() {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, maxAttempts, true, ordered,
                filter, maxPerSecond);
    }

    public WebhookRegistration unordered() {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, maxAttempts, cloudEvents, false,
                filter, maxPerSecond);
    }

    /** Only events matching {@code pattern}, e.g. {@code {"data": {"score": [{"numeric": [">=", 70]}]}}}. */
    public WebhookRegistration withFilter(JsonNode pattern) {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, maxAttempts, cloudEvents, ordered, pattern,
                maxPerSecond);
    }

    /** At most {@code perSecond} deliveries a second; deliveries over the rate wait, in order. */
    public WebhookRegistration withMaxPerSecond(int perSecond) {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, maxAttempts, cloudEvents, ordered, filter,
                perSecond);
    }
}

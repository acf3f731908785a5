package com.bizosaas.eventbus.client;

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
 */
public record WebhookRegistration(String eventType, String webhookUrl, UUID tenantId, Integer maxAttempts,
                                  boolean cloudEvents, boolean ordered) {

    public WebhookRegistration {
        Objects.requireNonNull(eventType, "event_type is required");
        Objects.requireNonNull(webhookUrl, "webhook_url is required");
    }

    /** Events of {@code eventType} for every tenant, in the bus's JSON, in order, default attempts. */
    public static WebhookRegistration of(String eventType, String webhookUrl) {
        return new WebhookRegistration(eventType, webhookUrl, null, null, false, true);
    }

    public WebhookRegistration forTenant(UUID tenant) {
        return new WebhookRegistration(eventType, webhookUrl, tenant, maxAttempts, cloudEvents, ordered);
    }

    public WebhookRegistration withMaxAttempts(int attempts) {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, attempts, cloudEvents, ordered);
    }

    public WebhookRegistration asCloudEvents() {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, maxAttempts, true, ordered);
    }

    public WebhookRegistration unordered() {
        return new WebhookRegistration(eventType, webhookUrl, tenantId, maxAttempts, cloudEvents, false);
    }
}

package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.tenancy.Scope;
import java.util.Map;

/**
 * The scope each route requires of the caller's key. A route missing here requires
 * {@link Scope#ADMIN}, so a route added without thought is closed rather than open; add one line
 * per route (the cross-tenant matrix test, {@code AccessMatrixIT}, fails for a documented route
 * it does not call). Immutable.
 */
final class RouteScopes {
    private static final Map<String, Scope> SCOPES = Map.ofEntries(
            Map.entry("POST /events/publish", Scope.PUBLISH),
            Map.entry("POST /demo/create-lead", Scope.PUBLISH),
            Map.entry("POST /demo/ai-analysis", Scope.PUBLISH),
            Map.entry("POST /events/history", Scope.READ),
            Map.entry("GET /events/{tenant_id}/{event_id}", Scope.READ),
            Map.entry("GET /events/stream", Scope.READ),
            Map.entry("GET /subscriptions", Scope.READ),
            Map.entry("GET /subscriptions/{id}", Scope.READ),
            Map.entry("GET /replays/{id}", Scope.READ),
            Map.entry("GET /dead-letters", Scope.READ),
            Map.entry("GET /dead-letters/{id}", Scope.READ),
            Map.entry("POST /events/subscribe", Scope.SUBSCRIBE),
            Map.entry("DELETE /subscriptions/{id}", Scope.SUBSCRIBE),
            Map.entry("POST /subscriptions/{id}/pause", Scope.SUBSCRIBE),
            Map.entry("POST /subscriptions/{id}/resume", Scope.SUBSCRIBE),
            Map.entry("POST /subscriptions/{id}/pull", Scope.SUBSCRIBE),
            Map.entry("POST /subscriptions/{id}/ack", Scope.SUBSCRIBE),
            Map.entry("POST /subscriptions/{id}/nack", Scope.SUBSCRIBE),
            Map.entry("POST /subscriptions/{id}/replay", Scope.SUBSCRIBE),
            Map.entry("POST /events/replay", Scope.SUBSCRIBE),
            Map.entry("DELETE /events/{tenant_id}/{event_id}/schedule", Scope.PUBLISH),
            Map.entry("GET /schemas", Scope.READ),
            Map.entry("GET /schemas/{event_type}/versions", Scope.READ),
            Map.entry("GET /schemas/{event_type}/versions/{version}", Scope.READ),
            Map.entry("GET /schemas/{event_type}/compatibility", Scope.READ),
            Map.entry("POST /streams/{tenant_id}/{stream_id}", Scope.PUBLISH),
            Map.entry("GET /streams/{tenant_id}/{stream_id}", Scope.READ),
            Map.entry("POST /agents", Scope.SUBSCRIBE),
            Map.entry("GET /agents", Scope.READ),
            Map.entry("GET /agents/{id}", Scope.READ),
            Map.entry("DELETE /agents/{id}", Scope.SUBSCRIBE),
            Map.entry("POST /agents/{id}/heartbeat", Scope.SUBSCRIBE),
            Map.entry("GET /agents/tasks/{id}", Scope.READ),
            Map.entry("POST /agents/tasks/{id}/cancel", Scope.PUBLISH),
            Map.entry("GET /agents/requests/{id}", Scope.READ),
            Map.entry("GET /workflows", Scope.READ),
            Map.entry("GET /workflows/{id}", Scope.READ));

    private RouteScopes() {
    }

    /** {@code route} as {@code METHOD /path/{param}}, the form Javalin matched. */
    static Scope required(String route) {
        return SCOPES.getOrDefault(route, Scope.ADMIN);
    }
}

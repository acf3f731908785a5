package com.bizosaas.eventbus.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.server.TestHttp.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cross-tenant matrix: every route of the OpenAPI document, called with another tenant's key,
 * with a key of the right tenant lacking the route's scope, with a revoked key and with an
 * expired key, is refused (401/403, or 404 where an id of another tenant is hidden) with a JSON
 * error, and tenant A's state is the same afterwards.
 *
 * <p>ADDING A ROUTE? Add one row to {@link #ROUTES} (method, path as documented, the scope the
 * route requires in RouteScopes, a request body or query naming tenant A's resources).
 * {@link #everyDocumentedRouteIsInTheMatrix} fails until you do.
 */
class AccessMatrixIT {
    private static final String ROOT = "matrix-root-key";
    private static final String A = UUID.randomUUID().toString();
    private static final String B = UUID.randomUUID().toString();
    /** Tasks and requests: no id of tenant A's is needed to show the route refuses before looking. */
    private static final String UNKNOWN_ID = UUID.randomUUID().toString();

    /** Scope null: an open route (probes, metrics, docs), answered without a key. */
    private record Route(String method, String path, Scope scope, String body) {
    }

    private enum Scope { PUBLISH, SUBSCRIBE, READ, ADMIN }

    /**
     * Listings without a tenant parameter: another tenant's key gets 200 with its own tenant's
     * entries, which must not include any of tenant A's.
     */
    private static final Set<String> FILTERED_LISTINGS = Set.of("GET /agents", "GET /workflows");

    private static final List<Route> ROUTES = List.of(
            new Route("POST", "/events/publish", Scope.PUBLISH, "{\"event_type\": \"lead.created\", \"tenant_id\": \"{A}\"}"),
            new Route("POST", "/events/history", Scope.READ, "{\"tenant_id\": \"{A}\"}"),
            new Route("GET", "/events/stream?tenant_id={A}", Scope.READ, null),
            new Route("GET", "/events/{tenant_id}/{event_id}", Scope.READ, null),
            new Route("POST", "/events/subscribe", Scope.SUBSCRIBE, "{\"tenant_id\": \"{A}\", \"event_type\": \"x.*\", \"service_name\": \"s\"}"),
            new Route("GET", "/subscriptions?tenant_id={A}", Scope.READ, null),
            new Route("GET", "/subscriptions/{id}", Scope.READ, null),
            new Route("DELETE", "/subscriptions/{id}", Scope.SUBSCRIBE, null),
            new Route("POST", "/subscriptions/{id}/pause", Scope.SUBSCRIBE, null),
            new Route("POST", "/subscriptions/{id}/resume", Scope.SUBSCRIBE, null),
            new Route("POST", "/subscriptions/{id}/pull", Scope.SUBSCRIBE, "{\"max_events\": 10}"),
            new Route("POST", "/subscriptions/{id}/ack", Scope.SUBSCRIBE, "{\"ack_ids\": [\"{ACK}\"]}"),
            new Route("POST", "/subscriptions/{id}/nack", Scope.SUBSCRIBE, "{\"ack_ids\": [\"{ACK}\"]}"),
            new Route("POST", "/subscriptions/{id}/replay", Scope.SUBSCRIBE, "{\"tenant_id\": \"{A}\"}"),
            new Route("POST", "/events/replay", Scope.SUBSCRIBE, "{\"subscription_id\": \"{SUB}\", \"tenant_id\": \"{A}\"}"),
            new Route("GET", "/replays/{id}", Scope.READ, null),
            new Route("GET", "/dead-letters?tenant_id={A}", Scope.READ, null),
            new Route("GET", "/dead-letters/{id}", Scope.READ, null),
            new Route("POST", "/dead-letters/redrive", Scope.ADMIN, "{\"tenant_id\": \"{A}\"}"),
            new Route("POST", "/dead-letters/{id}/redrive", Scope.ADMIN, null),
            new Route("DELETE", "/dead-letters/{id}", Scope.ADMIN, null),
            new Route("GET", "/admin/tenants/{tenant_id}/rate-limit", Scope.ADMIN, null),
            new Route("PUT", "/admin/tenants/{tenant_id}/rate-limit", Scope.ADMIN, "{\"per_second\": 1}"),
            new Route("GET", "/admin/tenants/{tenant_id}/encryption", Scope.ADMIN, null),
            new Route("PUT", "/admin/tenants/{tenant_id}/encryption", Scope.ADMIN, "{\"policy\": \"all\"}"),
            new Route("POST", "/admin/tenants/{tenant_id}/encryption/rotate", Scope.ADMIN, null),
            new Route("POST", "/admin/tenants/{tenant_id}/encryption/re-encrypt", Scope.ADMIN, null),
            new Route("DELETE", "/admin/tenants/{tenant_id}/encryption/keys", Scope.ADMIN, null),
            new Route("POST", "/admin/api-keys", Scope.ADMIN, "{\"name\": \"n\", \"tenant_id\": \"{A}\", \"scopes\": [\"admin\"]}"),
            new Route("GET", "/admin/api-keys?tenant_id={A}", Scope.ADMIN, null),
            new Route("DELETE", "/admin/api-keys/{id}", Scope.ADMIN, null),
            new Route("GET", "/admin/audit?tenant_id={A}", Scope.ADMIN, null),
            new Route("POST", "/demo/create-lead", Scope.PUBLISH, "{\"tenant_id\": \"{A}\"}"),
            new Route("POST", "/demo/ai-analysis", Scope.PUBLISH, "{\"tenant_id\": \"{A}\", \"analysis_type\": \"x\"}"),
            new Route("GET", "/health", null, null),
            new Route("GET", "/health/live", null, null),
            new Route("GET", "/health/ready", null, null),
            new Route("DELETE", "/events/{tenant_id}/{event_id}/schedule", Scope.PUBLISH, null),
            new Route("GET", "/schemas?tenant_id={A}", Scope.READ, null),
            new Route("POST", "/schemas/{event_type}/versions", Scope.ADMIN, "{\"schema\": {\"type\": \"object\"}, \"tenant_id\": \"{A}\"}"),
            new Route("GET", "/schemas/{event_type}/versions?tenant_id={A}", Scope.READ, null),
            new Route("GET", "/schemas/{event_type}/versions/{version}?tenant_id={A}", Scope.READ, null),
            new Route("GET", "/schemas/{event_type}/compatibility?tenant_id={A}", Scope.READ, null),
            new Route("PUT", "/schemas/{event_type}/compatibility", Scope.ADMIN, "{\"compatibility\": \"NONE\", \"tenant_id\": \"{A}\"}"),
            new Route("POST", "/streams/{tenant_id}/{stream_id}", Scope.PUBLISH, "{\"events\": [{\"event_type\": \"account.opened\"}]}"),
            new Route("GET", "/streams/{tenant_id}/{stream_id}", Scope.READ, null),
            new Route("POST", "/agents", Scope.SUBSCRIBE, "{\"service_name\": \"ai\", \"task_types\": [\"lead_scoring\"], \"capacity\": 1, \"delivery\": \"pull\", \"tenant_id\": \"{A}\"}"),
            new Route("GET", "/agents", Scope.READ, null),
            new Route("GET", "/agents/{id}", Scope.READ, null),
            new Route("DELETE", "/agents/{id}", Scope.SUBSCRIBE, null),
            new Route("POST", "/agents/{id}/heartbeat", Scope.SUBSCRIBE, null),
            new Route("GET", "/agents/tasks/{id}", Scope.READ, null),
            new Route("POST", "/agents/tasks/{id}/cancel", Scope.PUBLISH, null),
            new Route("GET", "/agents/requests/{id}", Scope.READ, null),
            new Route("POST", "/workflows", Scope.ADMIN, "{\"name\": \"m\", \"on\": \"lead.created\", \"publish\": \"lead.noted\", \"tenant_id\": \"{A}\"}"),
            new Route("GET", "/workflows", Scope.READ, null),
            new Route("GET", "/workflows/{id}", Scope.READ, null),
            new Route("DELETE", "/workflows/{id}", Scope.ADMIN, null),
            new Route("GET", "/console", null, null),
            new Route("GET", "/metrics", null, null),
            new Route("GET", "/stats", null, null),
            new Route("GET", "/openapi.json", null, null),
            new Route("GET", "/docs", null, null),
            new Route("GET", "/redoc", null, null));

    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.withEnvironment(Map.of("EVENTBUS_API_KEYS", ROOT + ":*",
            "EVENTBUS_MASTER_KEY", EncryptionIT.MASTER_KEY));

    private static TestHttp http;
    private static String eventId;
    private static String subscription;
    private static String ackId;
    private static String deadLetter;
    private static String replay;
    private static String agent;
    private static String workflow;
    private static String keyOfA;
    private static String otherTenantsKey;
    private static final Map<Scope, String> KEYS_LACKING = new EnumMap<>(Scope.class);
    private static String revokedKey;
    private static String expiredKey;

    @BeforeAll
    static void tenantAHasOneOfEverything() {
        http = SERVER.http();
        eventId = asRoot("POST", "/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + A
                + "\"}").json().get("event_id").asText();
        subscription = asRoot("POST", "/events/subscribe", "{\"tenant_id\": \"" + A
                + "\", \"event_type\": \"lead.*\", \"service_name\": \"crm\", \"delivery_mode\": \"pull\"}")
                .json().get("subscription_id").asText();
        asRoot("POST", "/events/publish", "{\"event_type\": \"lead.created\", \"tenant_id\": \"" + A + "\"}");
        asRoot("POST", "/events/publish", "{\"event_type\": \"lead.updated\", \"tenant_id\": \"" + A + "\"}");
        List<String> ackIds = new ArrayList<>();
        Await.until("two events are pulled", () -> {
            asRoot("POST", "/subscriptions/" + subscription + "/pull", "{\"max_events\": 2}").json().get("events")
                    .forEach(e -> ackIds.add(e.get("ack_id").asText()));
            return ackIds.size() >= 2;
        });
        asRoot("POST", "/subscriptions/" + subscription + "/nack", "{\"ack_ids\": [\"" + ackIds.get(0)
                + "\"], \"dead_letter\": true}");
        ackId = ackIds.get(1);
        deadLetter = asRoot("GET", "/dead-letters?tenant_id=" + A, null).json().get("dead_letters").get(0)
                .get("id").asText();
        replay = asRoot("POST", "/subscriptions/" + subscription + "/replay", "{\"to_position\": 1}").json()
                .get("replay_id").asText();
        agent = asRoot("POST", "/agents", "{\"service_name\": \"ai-agents\", \"task_types\": [\"lead_scoring\"], "
                + "\"capacity\": 1, \"delivery\": \"pull\", \"tenant_id\": \"" + A + "\"}").json().get("id").asText();
        workflow = asRoot("POST", "/workflows", "{\"name\": \"matrix\", \"on\": \"lead.created\", \"publish\": "
                + "\"lead.noted\", \"tenant_id\": \"" + A + "\"}").json().get("id").asText();
        keyOfA = key(A, "\"publish\", \"subscribe\", \"read\", \"admin\"", "").get("id").asText();
        otherTenantsKey = key(B, "\"publish\", \"subscribe\", \"read\", \"admin\"", "").get("key").asText();
        for (Scope lacking : Scope.values()) {
            StringBuilder scopes = new StringBuilder();
            for (Scope s : Scope.values()) {
                if (s != lacking) {
                    scopes.append(scopes.isEmpty() ? "" : ", ").append('"').append(s.name().toLowerCase(Locale.ROOT))
                            .append('"');
                }
            }
            KEYS_LACKING.put(lacking, key(A, scopes.toString(), "").get("key").asText());
        }
        JsonNode revoked = key(A, "\"publish\", \"subscribe\", \"read\", \"admin\"", "");
        asRoot("DELETE", "/admin/api-keys/" + revoked.get("id").asText(), null);
        revokedKey = revoked.get("key").asText();
        expiredKey = key(A, "\"publish\", \"subscribe\", \"read\", \"admin\"",
                ", \"expires_at\": \"" + Instant.now().plusSeconds(1) + "\"").get("key").asText();
        Await.until("the revoked and expired keys are refused", Duration.ofSeconds(10), () ->
                send(new Route("GET", "/events/{tenant_id}/{event_id}", Scope.READ, null), revokedKey).status() == 401
                        && send(new Route("GET", "/events/{tenant_id}/{event_id}", Scope.READ, null), expiredKey)
                        .status() == 401);
    }

    @Test
    void everyDocumentedRouteIsInTheMatrix() {
        Set<String> documented = new TreeSet<>();
        asRoot("GET", "/openapi.json", null).json().get("paths").properties().forEach(path -> path.getValue()
                .properties().forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> inMatrix = new TreeSet<>();
        ROUTES.forEach(r -> inMatrix.add(r.method() + " " + r.path().split("\\?")[0]));

        assertThat(inMatrix).as("add a row to AccessMatrixIT.ROUTES for each documented route")
                .containsAll(documented);
        assertThat(documented).as("a matrix row names a route the OpenAPI document does not have").containsAll(inMatrix);
    }

    @Test
    void everyRouteRefusesAnotherTenantsKeyAKeyLackingItsScopeARevokedAndAnExpiredKey() {
        String before = stateOfA();
        List<String> failures = new ArrayList<>();
        for (Route route : ROUTES) {
            if (route.scope() == null) {
                // The console's page redirects /console to /console/ (its files are relative to it).
                expect(failures, route, "no key", send(route, null), route.path().equals("/console") ? Set.of(302)
                        : Set.of(200));
                continue;
            }
            // A tenant's id-addressed resources answer 404 to other tenants, so their ids cannot be probed.
            Set<Integer> crossTenant = route.path().contains("{id}") || route.method().equals("POST")
                    && route.path().equals("/events/replay") ? Set.of(403, 404) : Set.of(403);
            if (FILTERED_LISTINGS.contains(route.method() + " " + route.path())) {
                Reply listing = send(route, otherTenantsKey);
                expect(failures, route, "another tenant's key", listing, Set.of(200));
                if (listing.body().contains(A)) {
                    failures.add(route.method() + " " + route.path() + " with another tenant's key shows tenant A's: "
                            + listing.body());
                }
            } else {
                expect(failures, route, "another tenant's key", send(route, otherTenantsKey), crossTenant);
            }
            expect(failures, route, "a key lacking " + route.scope(), send(route, KEYS_LACKING.get(route.scope())),
                    Set.of(403));
            expect(failures, route, "a revoked key", send(route, revokedKey), Set.of(401));
            expect(failures, route, "an expired key", send(route, expiredKey), Set.of(401));
            expect(failures, route, "no key", send(route, null), Set.of(401));
        }

        assertThat(failures).isEmpty();
        assertThat(stateOfA()).isEqualTo(before);
    }

    private static void expect(List<String> failures, Route route, String caller, Reply reply, Set<Integer> statuses) {
        String name = route.method() + " " + route.path() + " with " + caller;
        if (!statuses.contains(reply.status())) {
            failures.add(name + ": " + reply.status() + " " + reply.body());
        } else if (reply.status() >= 400 && !reply.body().contains("\"error\"")) {
            failures.add(name + ": no JSON error: " + reply.body());
        }
    }

    /** Everything of tenant A that a refused request could have changed. */
    private static String stateOfA() {
        return String.join("\n",
                asRoot("POST", "/events/history", "{\"tenant_id\": \"" + A + "\", \"limit\": 1000}").body(),
                asRoot("GET", "/subscriptions?tenant_id=" + A, null).body(),
                asRoot("GET", "/dead-letters?tenant_id=" + A, null).body(),
                asRoot("GET", "/replays/" + replay, null).body(),
                asRoot("GET", "/admin/api-keys?tenant_id=" + A, null).body().replaceAll("\"active\":(true|false)", ""),
                asRoot("GET", "/admin/audit?tenant_id=" + A, null).body(),
                asRoot("GET", "/admin/tenants/" + A + "/rate-limit", null).body(),
                asRoot("GET", "/admin/tenants/" + A + "/encryption", null).body(),
                // The agent exists (its heartbeat and status change with time, not with refused calls).
                "agent " + asRoot("GET", "/agents/" + agent, null).status(),
                asRoot("GET", "/workflows?tenant_id=" + A, null).body(),
                asRoot("GET", "/schemas?tenant_id=" + A, null).body(),
                asRoot("GET", "/streams/" + A + "/matrix-stream", null).body());
    }

    private static JsonNode key(String tenant, String scopes, String extra) {
        Reply reply = asRoot("POST", "/admin/api-keys", "{\"name\": \"matrix\", \"tenant_id\": \"" + tenant
                + "\", \"scopes\": [" + scopes + "]" + extra + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    private static Reply asRoot(String method, String path, String body) {
        return send(new Route(method, path, Scope.ADMIN, body), ROOT);
    }

    private static Reply send(Route route, String key) {
        String path = fill(route.path(), route.path());
        HttpRequest.Builder request = key == null ? http.request(path) : http.request(path, "X-API-Key", key);
        String body = route.body() == null ? "" : fill(route.body(), route.path());
        request.header("Content-Type", "application/json")
                .method(route.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request);
    }

    private static String fill(String template, String path) {
        String id = path.startsWith("/subscriptions/") ? subscription
                : path.startsWith("/dead-letters/") ? deadLetter
                : path.startsWith("/replays/") ? replay
                : path.startsWith("/admin/api-keys/") ? keyOfA
                : path.startsWith("/agents/tasks/") || path.startsWith("/agents/requests/") ? UNKNOWN_ID
                : path.startsWith("/agents/") ? agent
                : path.startsWith("/workflows/") ? workflow
                : "";
        return template.replace("{A}", A).replace("{tenant_id}", A).replace("{event_id}", String.valueOf(eventId))
                .replace("{SUB}", String.valueOf(subscription)).replace("{ACK}", String.valueOf(ackId))
                .replace("{id}", String.valueOf(id))
                .replace("{event_type}", "lead.created").replace("{version}", "1").replace("{stream_id}", "matrix-stream");
    }
}

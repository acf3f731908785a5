package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.ReplayJob;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.Caller;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Webhook and pull subscriptions: create, list, inspect, pause, resume, delete; pulling,
 * acknowledging and replaying. A subscription's signing secret is shown once, in the answer that
 * creates it. Tenant keys see only their tenant's subscriptions. Thread-safe.
 */
final class SubscriptionRoutes {
    private static final int DEFAULT_PULL_MAX = 10;
    private static final int MAX_PULL = 1000;
    private static final long MAX_PULL_WAIT_MS = 30_000;
    private static final long MAX_NACK_DELAY_MS = Duration.ofDays(1).toMillis();
    private static final List<String> SUBSCRIBE_FIELDS = List.of("tenant_id", "event_type", "service_name",
            "webhook_url", "delivery_mode", "max_attempts", "format", "ordered", "filter", "max_per_second");
    private static final List<String> PULL_FIELDS = List.of("max_events", "wait_ms");
    private static final List<String> ACK_FIELDS = List.of("ack_ids");
    private static final List<String> NACK_FIELDS = List.of("ack_ids", "delay_ms", "error", "dead_letter");
    /** {@code subscription_id} names the subscription in {@code POST /events/replay}'s body. */
    private static final List<String> REPLAY_FIELDS = List.of("subscription_id", "tenant_id", "event_types",
            "from_time", "to_time", "from_position", "to_position");

    private final EventBus bus;
    private final AccessControl access;
    private final AuditTrail audit;
    private final int defaultMaxAttempts;

    SubscriptionRoutes(EventBus bus, AccessControl access, AuditTrail audit, int defaultMaxAttempts) {
        this.bus = bus;
        this.access = access;
        this.audit = audit;
        this.defaultMaxAttempts = defaultMaxAttempts;
    }

    void register(RoutesConfig routes) {
        routes.post("/events/subscribe", this::subscribe);
        routes.get("/subscriptions", this::list);
        routes.get("/subscriptions/{id}", ctx -> ctx.json(view(visible(ctx))));
        routes.delete("/subscriptions/{id}", this::delete);
        routes.post("/subscriptions/{id}/pause", ctx -> setStatus(ctx, SubscriptionStatus.PAUSED));
        routes.post("/subscriptions/{id}/resume", ctx -> setStatus(ctx, SubscriptionStatus.ACTIVE));
        routes.post("/subscriptions/{id}/pull", this::pull);
        routes.post("/subscriptions/{id}/ack", this::ack);
        routes.post("/subscriptions/{id}/nack", this::nack);
        routes.post("/subscriptions/{id}/replay", ctx -> replay(ctx, visible(ctx)));
        routes.post("/events/replay", this::replayBySubscriptionField);
        routes.get("/replays/{id}", this::replayStatus);
    }

    private void subscribe(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(SUBSCRIBE_FIELDS);
        UUID tenant = body.uuid("tenant_id");
        Caller caller = access.caller(ctx);
        if (tenant == null) {
            tenant = caller.tenantId();
        } else {
            access.requireTenant(ctx, tenant);
        }
        String eventPattern = body.requiredText("event_type");
        String serviceName = body.requiredText("service_name");
        String webhookUrl = body.text("webhook_url");
        DeliveryMode mode = mode(body.text("delivery_mode"), webhookUrl);
        if (mode == DeliveryMode.PULL && webhookUrl != null) {
            throw new ValidationException("invalid_field", "webhook_url is only for webhook delivery, not pull",
                    "webhook_url");
        }
        ObjectNode filter = body.object("filter");
        Integer maxPerSecond = body.has("max_per_second")
                ? (int) body.integer("max_per_second", 0, 1, Subscription.MAX_PER_SECOND_LIMIT) : null;
        Subscription saved = bus.subscribe(new Subscription(EventIds.next(), tenant, eventPattern, serviceName, mode,
                webhookUrl, null, (int) body.integer("max_attempts", defaultMaxAttempts, 1, 100),
                format(body.text("format")), body.bool("ordered", true), SubscriptionStatus.ACTIVE, null, null, null,
                filter == null ? null : EventFilter.of(filter), maxPerSecond));
        audit.record(ctx, saved.tenantId(), "subscription.created", saved.id(), Map.of("event_type",
                saved.eventPattern(), "service_name", saved.serviceName(), "delivery_mode", saved.mode().name()));
        ObjectNode json = JsonNodeFactory.instance.objectNode().put("success", true);
        json.setAll(view(saved));
        json.put("secret", saved.secret());
        ctx.status(201).json(json);
    }

    private static DeliveryMode mode(String raw, String webhookUrl) {
        if (raw == null) {
            return webhookUrl == null ? DeliveryMode.PULL : DeliveryMode.WEBHOOK;
        }
        return switch (raw) {
            case "webhook" -> DeliveryMode.WEBHOOK;
            case "pull" -> DeliveryMode.PULL;
            default -> throw new ValidationException("invalid_field",
                    "delivery_mode must be webhook or pull; got " + quote(raw), "delivery_mode");
        };
    }

    private static PayloadFormat format(String raw) {
        if (raw == null) {
            return PayloadFormat.EVENTBUS;
        }
        return switch (raw) {
            case "eventbus" -> PayloadFormat.EVENTBUS;
            case "cloudevents" -> PayloadFormat.CLOUDEVENTS;
            default -> throw new ValidationException("invalid_field",
                    "format must be eventbus or cloudevents; got " + quote(raw), "format");
        };
    }

    /** Every visible subscription, or with {@code ?tenant_id=} that tenant's, which a tenant key must own. */
    private void list(Context ctx) {
        UUID tenant = Params.queryUuid(ctx, "tenant_id");
        if (tenant != null) {
            access.requireTenant(ctx, tenant);
        }
        List<ObjectNode> visible = bus.subscriptions().stream()
                .filter(s -> access.canSee(ctx, s.tenantId()))
                .filter(s -> tenant == null || tenant.equals(s.tenantId()))
                .map(this::view)
                .toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("subscriptions", visible);
        json.put("count", visible.size());
        ctx.json(json);
    }

    private void delete(Context ctx) {
        Subscription sub = visible(ctx);
        bus.unsubscribe(sub.id());
        audit.record(ctx, sub.tenantId(), "subscription.deleted", sub.id(), Map.of());
        ctx.json(Map.of("success", true, "subscription_id", sub.id()));
    }

    private void setStatus(Context ctx, SubscriptionStatus status) {
        Subscription changed = bus.setStatus(visible(ctx).id(), status);
        audit.record(ctx, changed.tenantId(), status == SubscriptionStatus.PAUSED ? "subscription.paused"
                : "subscription.resumed", changed.id(), Map.of());
        ctx.json(view(changed));
    }

    private void pull(Context ctx) {
        Subscription sub = visible(ctx);
        JsonFields body = JsonFields.parseOptional(ctx.bodyAsBytes()).allowOnly(PULL_FIELDS);
        int max = (int) body.integer("max_events", DEFAULT_PULL_MAX, 1, MAX_PULL);
        Duration wait = Duration.ofMillis(body.integer("wait_ms", 0, 0, MAX_PULL_WAIT_MS));
        List<PulledEvent> events = bus.pull(sub.id(), max, wait);
        ctx.json(Map.of("events", events));
    }

    private void ack(Context ctx) {
        Subscription sub = visible(ctx);
        List<String> ackIds = requiredAckIds(JsonFields.parse(ctx.bodyAsBytes()).allowOnly(ACK_FIELDS));
        bus.ack(sub.id(), ackIds);
        ctx.json(Map.of("success", true, "acknowledged", ackIds.size()));
    }

    private void nack(Context ctx) {
        Subscription sub = visible(ctx);
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(NACK_FIELDS);
        List<String> ackIds = requiredAckIds(body);
        bus.nack(sub.id(), ackIds, Duration.ofMillis(body.integer("delay_ms", 0, 0, MAX_NACK_DELAY_MS)),
                body.text("error"), body.bool("dead_letter", false));
        ctx.json(Map.of("success", true, "nacked", ackIds.size()));
    }

    private static List<String> requiredAckIds(JsonFields body) {
        List<String> ackIds = body.strings("ack_ids");
        if (ackIds.isEmpty()) {
            throw new ValidationException("missing_field", "ack_ids must list at least one ack_id", "ack_ids");
        }
        return ackIds;
    }

    /** The form: {@code POST /events/replay} names the subscription in the body. */
    private void replayBySubscriptionField(Context ctx) {
        UUID id = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(REPLAY_FIELDS).uuid("subscription_id");
        if (id == null) {
            throw new ValidationException("missing_field", "subscription_id is required", "subscription_id");
        }
        replay(ctx, bus.subscription(id)
                .filter(s -> access.canSee(ctx, s.tenantId()))
                .orElseThrow(() -> new NotFoundException("subscription " + id + " does not exist")));
    }

    private void replay(Context ctx, Subscription sub) {
        JsonFields body = JsonFields.parseOptional(ctx.bodyAsBytes()).allowOnly(REPLAY_FIELDS);
        UUID tenant = body.uuid("tenant_id");
        if (tenant == null) {
            tenant = sub.tenantId() != null ? sub.tenantId() : access.caller(ctx).tenantId();
        }
        if (tenant == null) {
            throw new ValidationException("missing_field",
                    "tenant_id is required: the subscription spans every tenant", "tenant_id");
        }
        access.requireTenant(ctx, tenant);
        ReplayJob job = bus.startReplay(new ReplayRequest(tenant, sub.id(),
                new LinkedHashSet<>(body.strings("event_types")), body.instant("from_time"), body.instant("to_time"),
                body.integer("from_position", 0, 0, Long.MAX_VALUE), body.integer("to_position", 0, 0, Long.MAX_VALUE)));
        audit.record(ctx, tenant, "replay.started", sub.id(), Map.of("replay_id", job.id()));
        ctx.status(202).json(job);
    }

    private void replayStatus(Context ctx) {
        UUID id = Params.pathUuid(ctx, "id", "replay_id");
        ctx.json(bus.replay(id)
                .filter(job -> access.canSee(ctx, job.request().tenantId()))
                .orElseThrow(() -> new NotFoundException("replay " + id + " does not exist")));
    }

    /** The addressed subscription, or 404 when it does not exist or belongs to another tenant. */
    private Subscription visible(Context ctx) {
        UUID id = Params.pathUuid(ctx, "id", "subscription_id");
        return bus.subscription(id)
                .filter(s -> access.canSee(ctx, s.tenantId()))
                .orElseThrow(() -> new NotFoundException("subscription " + id + " does not exist"));
    }

    /**
     * The subscription's JSON without its secret, with {@code subscription_id} beside the seed-style
     * {@code id}; a webhook's with its {@code circuit} breaker.
     */
    private ObjectNode view(Subscription sub) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("subscription_id", sub.id().toString());
        json.setAll((ObjectNode) WireJson.toTree(sub));
        if (sub.mode() == DeliveryMode.WEBHOOK) {
            json.set("circuit", WireJson.toTree(bus.circuit(sub.id())
                    .orElse(CircuitState.closed(sub.id(), sub.tenantId()))));
        }
        return json;
    }
}

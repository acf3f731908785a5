package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.WorkflowRule;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.server.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Workflow rules per tenant: "on event X (when a condition holds) publish Y with fields mapped
 * from X". A tenant's key manages its tenant's rules; a rule without a tenant acts on every
 * tenant and is the platform's.
 */
final class WorkflowRoutes {
    static final List<String> RULE_FIELDS = List.of("tenant_id", "name", "on", "condition", "publish", "data", "set",
            "target_services");

    private final AgentCoordinator agents;
    private final AccessControl access;
    private final Clock clock;

    WorkflowRoutes(AgentCoordinator agents, AccessControl access, Clock clock) {
        this.agents = agents;
        this.access = access;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post("/workflows", this::create);
        routes.get("/workflows", ctx -> ctx.json(agents.rules().stream()
                .filter(r -> access.canSee(ctx, r.tenantId())).toList()));
        routes.get("/workflows/{id}", ctx -> ctx.json(visible(ctx)));
        routes.delete("/workflows/{id}", ctx -> {
            WorkflowRule rule = visible(ctx);
            agents.deleteRule(rule.id());
            ctx.json(Map.of("success", true, "workflow_id", rule.id()));
        });
    }

    private void create(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(RULE_FIELDS);
        UUID tenant = body.uuid("tenant_id");
        Caller caller = access.caller(ctx);
        if (tenant == null && !caller.isPlatform()) {
            tenant = caller.tenantId();
        }
        if (tenant != null) {
            access.requireTenant(ctx, tenant);
        }
        WorkflowRule rule = parse(body, EventIds.next(), tenant, clock);
        ctx.status(201).json(agents.saveRule(rule));
    }

    /** A rule from its JSON fields (the API's body, or an entry of the start-up file). */
    static WorkflowRule parse(JsonFields body, UUID id, UUID tenant, Clock clock) {
        try {
            return new WorkflowRule(id, tenant, body.requiredText("name"), body.requiredText("on"),
                    body.text("condition"), body.requiredText("publish"), body.stringMap("data"), body.object("set"),
                    body.has("target_services") ? body.strings("target_services") : null, clock.instant());
        } catch (com.bizosaas.eventbus.ValidationException e) {
            throw body.relabel(e);
        }
    }

    private WorkflowRule visible(Context ctx) {
        UUID id = Params.pathUuid(ctx, "id", "workflow_id");
        return agents.rule(id).filter(r -> access.canSee(ctx, r.tenantId()))
                .orElseThrow(() -> new NotFoundException("workflow " + id + " does not exist"));
    }
}

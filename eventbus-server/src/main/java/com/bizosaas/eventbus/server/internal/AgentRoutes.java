package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.agents.AgentDelivery;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.AnalysisRequest;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.server.Caller;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The AI agent registry and task routes: register, list, heartbeat and remove agents; look at a
 * task (with its history) or an analysis request, and cancel a task. A tenant's key sees and acts
 * on its tenant's agents and tasks only; agents serving every tenant are the platform's.
 */
final class AgentRoutes {
    private static final List<String> REGISTER_FIELDS = List.of("service_name", "task_types", "capacity", "delivery",
            "webhook_url", "tenant_id");
    private static final List<String> CANCEL_FIELDS = List.of("reason");

    private final AgentCoordinator agents;
    private final AccessControl access;
    private final Clock clock;

    AgentRoutes(AgentCoordinator agents, AccessControl access, Clock clock) {
        this.agents = agents;
        this.access = access;
        this.clock = clock;
    }

    void register(RoutesConfig routes) {
        routes.post("/agents", this::registerAgent);
        routes.get("/agents", ctx -> ctx.json(agents.agents().stream()
                .filter(a -> access.canSee(ctx, a.tenantId())).toList()));
        routes.get("/agents/{id}", ctx -> ctx.json(visible(ctx)));
        routes.delete("/agents/{id}", this::deregister);
        routes.post("/agents/{id}/heartbeat", ctx -> ctx.json(agents.heartbeat(visible(ctx).id())));
        routes.get("/agents/tasks/{id}", ctx -> ctx.json(visibleTask(ctx)));
        routes.post("/agents/tasks/{id}/cancel", this::cancel);
        routes.get("/agents/requests/{id}", this::request);
    }

    private void registerAgent(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(REGISTER_FIELDS);
        String service = body.requiredText("service_name");
        List<String> types = body.strings("task_types");
        int capacity = (int) body.requiredInteger("capacity", 1, Agent.MAX_CAPACITY);
        AgentDelivery delivery = AgentDelivery.of(body.requiredText("delivery"));
        String webhookUrl = body.text("webhook_url");
        UUID tenant = body.uuid("tenant_id");
        Caller caller = access.caller(ctx);
        if (tenant == null && !caller.isPlatform()) {
            tenant = caller.tenantId(); // a tenant's key registers agents of its tenant only
        }
        if (tenant != null) {
            access.requireTenant(ctx, tenant);
        }
        Agent agent = Agent.register(UUID.randomUUID(), tenant, service, types, capacity, delivery, webhookUrl,
                clock.instant());
        ctx.status(201).json(agents.register(agent));
    }

    private void deregister(Context ctx) {
        Agent agent = visible(ctx);
        agents.deregister(agent.id());
        ctx.json(Map.of("success", true, "agent_id", agent.id()));
    }

    private void cancel(Context ctx) {
        AgentTask task = visibleTask(ctx);
        JsonFields body = JsonFields.parseOptional(ctx.bodyAsBytes()).allowOnly(CANCEL_FIELDS);
        String reason = body.text("reason");
        ctx.json(agents.cancel(task.id(), reason == null ? "canceled through the API" : reason));
    }

    /** The request with its tasks: what the SDK polls for the aggregated result. */
    private void request(Context ctx) {
        UUID id = Params.pathUuid(ctx, "id", "request_id");
        AnalysisRequest request = agents.request(id).filter(r -> access.canSee(ctx, r.tenantId()))
                .orElseThrow(() -> new NotFoundException("analysis request " + id + " does not exist"));
        ObjectNode json = WireJson.toTree(request);
        json.set("tasks", WireJson.toTree(request.taskIds().stream()
                .map(t -> agents.task(t).orElse(null)).filter(t -> t != null).toList()));
        ctx.json(json);
    }

    private Agent visible(Context ctx) {
        UUID id = Params.pathUuid(ctx, "id", "agent_id");
        return agents.agent(id).filter(a -> access.canSee(ctx, a.tenantId()))
                .orElseThrow(() -> new NotFoundException("agent " + id + " does not exist"));
    }

    private AgentTask visibleTask(Context ctx) {
        UUID id = Params.pathUuid(ctx, "id", "task_id");
        return agents.task(id).filter(t -> access.canSee(ctx, t.tenantId()))
                .orElseThrow(() -> new NotFoundException("task " + id + " does not exist"));
    }
}

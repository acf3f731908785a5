package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The seed's demo endpoints: a CRM-style lead creation that asks for its AI scoring, and a bare
 * AI analysis request. They publish ordinary events (source {@code demo}) through the bus.
 */
final class DemoRoutes {
    private static final String SOURCE = "demo";
    private static final List<String> CREATE_LEAD_FIELDS = List.of("tenant_id", "contact_info");

    private final EventBus bus;
    private final AccessControl access;

    DemoRoutes(EventBus bus, AccessControl access) {
        this.bus = bus;
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.post("/demo/create-lead", this::createLead);
        routes.post("/demo/ai-analysis", this::requestAnalysis);
    }

    /** lead.created, and the ai.analysis_requested it causes, stored together (correlated by the lead id). */
    private void createLead(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes()).allowOnly(CREATE_LEAD_FIELDS);
        UUID tenant = body.requiredUuid("tenant_id");
        ObjectNode contactInfo = body.object("contact_info");
        access.requireTenant(ctx, tenant);
        String leadId = UUID.randomUUID().toString();
        ObjectNode leadData = JsonNodeFactory.instance.objectNode().put("lead_id", leadId);
        leadData.set("contact_info", contactInfo == null ? JsonNodeFactory.instance.objectNode() : contactInfo);
        leadData.put("source", SOURCE);
        Event lead = Event.builder().id(EventIds.next()).type(EventTypes.LEAD_CREATED).tenant(tenant).source(SOURCE)
                .subject(leadId).correlationId(leadId).data(leadData).build();
        Event analysis = Event.builder().type(EventTypes.AI_ANALYSIS_REQUESTED).tenant(tenant).source(SOURCE)
                .subject(leadId).correlationId(leadId).causationId(lead.id().toString())
                .data(JsonNodeFactory.instance.objectNode().put("analysis_type", "lead_scoring").put("lead_id", leadId))
                .build();
        List<PublishReceipt> receipts = bus.publishAll(List.of(lead, analysis));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", true);
        json.put("lead_id", leadId);
        json.put("lead_event_id", receipts.get(0).eventId());
        json.put("analysis_event_id", receipts.get(1).eventId());
        ctx.status(201).json(json);
    }

    /** ai.analysis_requested whose data is the request body without the tenant: every field is kept, none unknown. */
    private void requestAnalysis(Context ctx) {
        JsonFields body = JsonFields.parse(ctx.bodyAsBytes());
        UUID tenant = body.requiredUuid("tenant_id");
        String analysisType = body.requiredText("analysis_type");
        access.requireTenant(ctx, tenant);
        ObjectNode data = body.copyWithout("tenant_id");
        PublishReceipt receipt = bus.publish(Event.builder().type(EventTypes.AI_ANALYSIS_REQUESTED).tenant(tenant)
                .source(SOURCE).data(data).build());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", true);
        json.put("event_id", receipt.eventId());
        json.put("analysis_type", analysisType);
        ctx.status(201).json(json);
    }
}

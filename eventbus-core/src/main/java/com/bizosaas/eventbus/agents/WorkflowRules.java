package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.InProcessOptions;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.Subscriptions.Registration;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the workflow rules: one in-process subscription per event pattern some rule reacts to
 * (so events no rule wants cost nothing), and for each event every rule of its tenant whose
 * condition holds publishes its event. The output's idempotency key names the rule and the
 * trigger, so a redelivered trigger publishes once; {@code workflow_depth} in the metadata stops
 * chains of rules that would feed each other forever. Rules are re-read from the store on every
 * {@link #refresh()}, so rules saved through another instance apply here too. Thread-safe.
 */
final class WorkflowRules implements AutoCloseable {
    static final String SERVICE = "workflow-rules";
    static final String DEPTH = "workflow_depth";
    /** Longer chains of rules than any workflow here needs; beyond it a loop is assumed. */
    static final int MAX_DEPTH = 16;
    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRules.class);

    private final EventBus bus;
    private final CoordinationStore store;
    private final Map<String, Registration> byPattern = new HashMap<>();
    private volatile List<Compiled> rules = List.of();

    WorkflowRules(EventBus bus, CoordinationStore store) {
        this.bus = bus;
        this.store = store;
    }

    /** Re-reads the rules and subscribes to the patterns they need, dropping the others. */
    synchronized void refresh() {
        List<Compiled> current = store.rules().stream().map(r -> new Compiled(r, r.filter())).toList();
        rules = current;
        Set<String> wanted = current.stream().map(c -> c.rule.on()).collect(Collectors.toSet());
        for (String pattern : wanted) {
            byPattern.computeIfAbsent(pattern, p -> bus.on(p, SERVICE, new InProcessOptions(0, false), this::apply));
        }
        byPattern.keySet().removeIf(pattern -> {
            if (wanted.contains(pattern)) {
                return false;
            }
            Registration registration = byPattern.get(pattern);
            registration.close();
            try {
                bus.unsubscribe(registration.subscription().id());
            } catch (NotFoundException e) {
                // another instance dropped it first
            }
            return true;
        });
    }

    private void apply(Event event) {
        int depth = depthOf(event);
        for (Compiled c : rules) {
            if (!c.rule.appliesTo(event, c.filter)) {
                continue;
            }
            if (depth >= MAX_DEPTH) {
                LOG.warn("Rule {} not applied to {} {}: {} rules already led to it (a loop?)", c.rule.name(),
                        event.eventType(), event.id(), depth);
                continue;
            }
            bus.publish(output(c.rule, event, depth));
        }
    }

    static Event output(WorkflowRule rule, Event trigger, int depth) {
        JsonNode source = WireJson.toTree(trigger);
        ObjectNode data = rule.set() == null ? JsonNodeFactory.instance.objectNode() : rule.set().deepCopy();
        rule.data().forEach((field, path) -> {
            JsonNode value = source.at("/" + path.replace('.', '/'));
            if (!value.isMissingNode()) {
                data.set(field, value);
            }
        });
        Map<String, String> metadata = new HashMap<>();
        metadata.put(DEPTH, Integer.toString(depth + 1));
        metadata.put("workflow_rule", rule.name());
        return Event.builder().type(rule.publish()).tenant(trigger.tenantId()).source(SERVICE)
                .subject(trigger.subject())
                .correlationId(trigger.correlationId() != null ? trigger.correlationId() : trigger.id().toString())
                .causationId(trigger.id().toString()).targetServices(rule.targetServices()).data(data)
                .metadata(metadata).idempotencyKey("rules:" + rule.id() + ":" + trigger.id()).build();
    }

    private static int depthOf(Event event) {
        String depth = event.metadata() == null ? null : event.metadata().get(DEPTH);
        try {
            return depth == null ? 0 : Integer.parseInt(depth);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        byPattern.values().forEach(Registration::close);
        byPattern.clear();
    }

    private record Compiled(WorkflowRule rule, EventFilter filter) {
    }
}

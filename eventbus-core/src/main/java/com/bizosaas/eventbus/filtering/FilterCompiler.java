package com.bizosaas.eventbus.filtering;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a pattern into predicates, checking it on the way: every error names the JSON path of the
 * bad part, starting at {@code filter}. The event's own fields are read through accessors, so
 * matching never encodes the event.
 */
final class FilterCompiler {
    private static final String OR = "$or";

    /** The event fields a filter may name, as they are spelled in the event's JSON. */
    private static final Map<String, Function<Event, JsonNode>> FIELDS = Map.ofEntries(
            Map.entry("event_type", e -> text(e.eventType())),
            Map.entry("version", e -> IntNode.valueOf(e.version())),
            Map.entry("tenant_id", e -> text(e.tenantId())),
            Map.entry("source_service", e -> text(e.sourceService())),
            Map.entry("priority", e -> text(e.priority().wireName())),
            Map.entry("subject", e -> text(e.subject())),
            Map.entry("correlation_id", e -> text(e.correlationId())),
            Map.entry("causation_id", e -> text(e.causationId())),
            Map.entry("idempotency_key", e -> text(e.idempotencyKey())),
            Map.entry("target_services", FilterCompiler::targets),
            Map.entry("metadata", FilterCompiler::metadata),
            Map.entry("data", Event::data));

    private FilterCompiler() {
    }

    static Predicate<Event> compile(ObjectNode pattern) {
        List<Predicate<Event>> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = requireFields(pattern, "filter");
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = "filter." + field.getKey();
            if (OR.equals(field.getKey())) {
                all.add(anyOf(alternatives(field.getValue(), path, FilterCompiler::compile)));
                continue;
            }
            Function<Event, JsonNode> accessor = FIELDS.get(field.getKey());
            if (accessor == null) {
                throw invalid(path, "is not an event field; a filter may name " + String.join(", ",
                        FIELDS.keySet().stream().sorted().toList()) + " or $or");
            }
            Predicate<JsonNode> value = value(field.getValue(), path);
            all.add(e -> value.test(accessor.apply(e)));
        }
        return allOf(all);
    }

    /** A nested pattern: applies to the object found at its path, or to nothing when there is none. */
    private static Predicate<JsonNode> object(ObjectNode pattern, String path) {
        List<Predicate<JsonNode>> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = requireFields(pattern, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String childPath = path + "." + key;
            if (OR.equals(key)) {
                all.add(anyOf(alternatives(field.getValue(), childPath, p -> object(p, childPath))));
                continue;
            }
            Predicate<JsonNode> value = value(field.getValue(), childPath);
            all.add(node -> value.test(node == null || !node.isObject() ? null : node.get(key)));
        }
        return allOf(all);
    }

    private static Predicate<JsonNode> value(JsonNode pattern, String path) {
        if (pattern.isObject()) {
            return object((ObjectNode) pattern, path);
        }
        if (!pattern.isArray() || pattern.isEmpty()) {
            throw invalid(path, "must be a non-empty list of values or conditions, or a nested object; got "
                    + quote(pattern));
        }
        List<ValueMatcher> matchers = new ArrayList<>(pattern.size());
        for (int i = 0; i < pattern.size(); i++) {
            matchers.add(ValueMatcher.of(pattern.get(i), path + "[" + i + "]"));
        }
        ValueMatcher[] any = matchers.toArray(ValueMatcher[]::new);
        return node -> ValueMatcher.anyMatches(any, node);
    }

    private static <T> List<Predicate<T>> alternatives(JsonNode list, String path,
                                                       Function<ObjectNode, Predicate<T>> compiler) {
        if (!list.isArray() || list.size() < 2) {
            throw invalid(path, "must be a list of at least two patterns; got " + quote(list));
        }
        List<Predicate<T>> any = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode alternative = list.get(i);
            if (!alternative.isObject()) {
                throw invalid(path + "[" + i + "]", "must be a pattern object; got " + quote(alternative));
            }
            any.add(compiler.apply((ObjectNode) alternative));
        }
        return any;
    }

    private static Iterator<Map.Entry<String, JsonNode>> requireFields(ObjectNode pattern, String path) {
        if (pattern.isEmpty()) {
            throw invalid(path, "must name at least one field");
        }
        return pattern.fields();
    }

    @SuppressWarnings("unchecked")
    private static <T> Predicate<T> allOf(List<Predicate<T>> all) {
        if (all.size() == 1) {
            return all.get(0);
        }
        Predicate<T>[] array = all.toArray(Predicate[]::new);
        return t -> {
            for (Predicate<T> p : array) {
                if (!p.test(t)) {
                    return false;
                }
            }
            return true;
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> Predicate<T> anyOf(List<Predicate<T>> any) {
        Predicate<T>[] array = any.toArray(Predicate[]::new);
        return t -> {
            for (Predicate<T> p : array) {
                if (p.test(t)) {
                    return true;
                }
            }
            return false;
        };
    }

    static ValidationException invalid(String path, String problem) {
        return new ValidationException("invalid_filter", path + " " + problem, "filter");
    }

    private static JsonNode text(Object value) {
        return value == null ? null : TextNode.valueOf(value.toString());
    }

    private static JsonNode targets(Event event) {
        return JsonNodeFactory.instance.arrayNode().addAll(event.targetServices().stream()
                .map(TextNode::valueOf).map(JsonNode.class::cast).toList());
    }

    private static JsonNode metadata(Event event) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        event.metadata().forEach(node::put);
        return node;
    }
}

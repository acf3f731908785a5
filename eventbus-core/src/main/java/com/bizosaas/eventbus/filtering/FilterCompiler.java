package com.bizosaas.eventbus.filtering;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a pattern into a predicate over {@link EventFields}, checking it on the way: every error
 * names the JSON path of the bad part, starting at {@code filter}. Conditions that every match
 * must meet and that list only exact values are reported as {@link ExactCondition}s, so a
 * {@link FilterSet} can skip the filter for events carrying none of those values.
 */
final class FilterCompiler {
    private static final String OR = "$or";

    /** A compiled pattern and its exact conditions outside {@code $or}. */
    record Compiled(Predicate<EventFields> predicate, List<ExactCondition> exactConditions) {
    }

    private FilterCompiler() {
    }

    static Compiled compile(ObjectNode pattern) {
        List<ExactCondition> exacts = new ArrayList<>();
        return new Compiled(compile(pattern, "filter", exacts), List.copyOf(exacts));
    }

    /** {@code exacts} collects the conditions every match needs; {@code null} inside {@code $or}. */
    private static Predicate<EventFields> compile(ObjectNode pattern, String at, List<ExactCondition> exacts) {
        List<Predicate<EventFields>> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = requireFields(pattern, at);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = at + "." + field.getKey();
            if (OR.equals(field.getKey())) {
                all.add(anyOf(alternatives(field.getValue(), path, p -> compile(p, at, null))));
                continue;
            }
            int slot = EventFields.slot(field.getKey());
            if (slot < 0) {
                throw invalid(path, "is not an event field; a filter may name " + String.join(", ",
                        EventFields.NAMES.stream().sorted().toList()) + " or $or");
            }
            Predicate<JsonNode> value = value(field.getValue(), path, new FieldPath(slot, List.of()), exacts);
            all.add(e -> value.test(e.get(slot)));
        }
        return allOf(all);
    }

    /** A nested pattern: applies to the object found at its path, or to nothing when there is none. */
    private static Predicate<JsonNode> object(ObjectNode pattern, String path, FieldPath at,
                                              List<ExactCondition> exacts) {
        List<Predicate<JsonNode>> all = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = requireFields(pattern, path);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            String childPath = path + "." + key;
            if (OR.equals(key)) {
                all.add(anyOf(alternatives(field.getValue(), childPath, p -> object(p, childPath, at, null))));
                continue;
            }
            Predicate<JsonNode> value = value(field.getValue(), childPath, at.child(key), exacts);
            all.add(node -> value.test(FieldPath.child(node, key)));
        }
        return allOf(all);
    }

    private static Predicate<JsonNode> value(JsonNode pattern, String path, FieldPath at,
                                             List<ExactCondition> exacts) {
        if (pattern.isObject()) {
            return object((ObjectNode) pattern, path, at, exacts);
        }
        if (!pattern.isArray() || pattern.isEmpty()) {
            throw invalid(path, "must be a non-empty list of values or conditions, or a nested object; got "
                    + quote(pattern));
        }
        List<ValueMatcher> matchers = new ArrayList<>(pattern.size());
        for (int i = 0; i < pattern.size(); i++) {
            matchers.add(ValueMatcher.of(pattern.get(i), path + "[" + i + "]"));
        }
        if (exacts != null) {
            ExactCondition.of(at, matchers).ifPresent(exacts::add);
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
}

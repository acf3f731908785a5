package com.bizosaas.eventbus.schema;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Declarative upcasts, registered with a schema version so that services in any language can
 * evolve a type: the steps that turn data of the previous version into this one, applied in
 * order to a copy. Fields are dotted paths into {@code data} ({@code address.city}).
 * <ul>
 *   <li>{@code {"op": "rename", "from": "name", "to": "full_name"}}</li>
 *   <li>{@code {"op": "move", "from": "city", "to": "address.city"}} (creates the objects on the way)</li>
 *   <li>{@code {"op": "add", "field": "currency", "default": "EUR"}} (kept when already present)</li>
 *   <li>{@code {"op": "drop", "field": "legacy_id"}}</li>
 * </ul>
 * A step whose source field is absent does nothing. Stateless.
 */
public final class Upcasts {
    private static final Set<String> OPS = Set.of("rename", "move", "add", "drop");

    private Upcasts() {
    }

    /** Refuses (400, naming {@code upcast[i]}) a step that is not one of the four forms. */
    public static void validate(ArrayNode steps) {
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            String at = "upcast[" + i + "]";
            if (!step.isObject()) {
                throw new ValidationException("invalid_field", at + " must be a JSON object", at);
            }
            String op = step.path("op").asText(null);
            if (op == null || !OPS.contains(op)) {
                throw new ValidationException("invalid_field", at + ".op must be one of rename, move, add, drop; got "
                        + quote(step.path("op")), at + ".op");
            }
            List<String> fields = switch (op) {
                case "rename", "move" -> List.of("op", "from", "to");
                case "add" -> List.of("op", "field", "default");
                default -> List.of("op", "field");
            };
            for (String name : (Iterable<String>) step::fieldNames) {
                if (!fields.contains(name)) {
                    throw new ValidationException("unknown_field", at + ": unknown field " + quote(name) + " for "
                            + op + "; accepted fields: " + String.join(", ", fields), at + "." + name);
                }
            }
            for (String name : fields) {
                JsonNode value = step.get(name);
                if (value == null || (!name.equals("default") && (!value.isTextual() || value.asText().isEmpty()))) {
                    throw new ValidationException("missing_field", at + "." + name + " is required"
                            + (name.equals("default") ? "" : " (a dotted field path)"), at + "." + name);
                }
            }
        }
    }

    /** Applies the steps to {@code data} in place. */
    static void apply(ArrayNode steps, ObjectNode data) {
        for (JsonNode step : steps) {
            switch (step.get("op").asText()) {
                case "rename", "move" -> {
                    JsonNode value = remove(data, step.get("from").asText());
                    if (value != null) {
                        put(data, step.get("to").asText(), value);
                    }
                }
                case "add" -> {
                    if (find(data, step.get("field").asText()) == null) {
                        put(data, step.get("field").asText(), step.get("default").deepCopy());
                    }
                }
                case "drop" -> remove(data, step.get("field").asText());
                default -> throw new IllegalStateException("unvalidated upcast step " + step);
            }
        }
    }

    private static JsonNode find(ObjectNode data, String path) {
        ObjectNode parent = parent(data, path, false);
        return parent == null ? null : parent.get(leaf(path));
    }

    private static JsonNode remove(ObjectNode data, String path) {
        ObjectNode parent = parent(data, path, false);
        return parent == null ? null : parent.remove(leaf(path));
    }

    private static void put(ObjectNode data, String path, JsonNode value) {
        parent(data, path, true).set(leaf(path), value);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The object holding the path's last field; created on the way when {@code create}, else null if missing. */
    private static ObjectNode parent(ObjectNode data, String path, boolean create) {
        ObjectNode node = data;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (next == null || !next.isObject()) {
                if (!create) {
                    return null;
                }
                next = node.putObject(parts[i]);
            }
            node = (ObjectNode) next;
        }
        return node;
    }
}

package com.bizosaas.eventbus.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares two versions of an object schema (properties, required, type, additionalProperties,
 * nested objects) and lists what breaks under a {@link Compatibility}. It is deliberately about the
 * shape events evolve in, not a full JSON Schema containment proof: keywords it does not know
 * are not compared. Stateless.
 */
final class CompatibilityCheck {
    private CompatibilityCheck() {
    }

    /** The breaking changes from {@code previous} to {@code next}; empty when compatible. */
    static List<String> breakingChanges(Compatibility mode, JsonNode previous, JsonNode next) {
        List<String> changes = new ArrayList<>();
        if (mode == Compatibility.BACKWARD || mode == Compatibility.FULL) {
            // Readers on the new version get events written with the previous one.
            compare("data", next, previous, changes, "the new version", "the previous version");
            removedRequired("data", previous, next, changes);
        }
        if (mode == Compatibility.FORWARD || mode == Compatibility.FULL) {
            // Readers still on the previous version get events written with the new one.
            compare("data", previous, next, changes, "the previous version", "the new version");
        }
        return List.copyOf(new LinkedHashSet<>(changes));
    }

    /** What data valid under {@code writer} can be that {@code reader} refuses. */
    private static void compare(String path, JsonNode reader, JsonNode writer, List<String> changes,
                                String readerName, String writerName) {
        Set<String> readerRequired = required(reader);
        Set<String> writerRequired = required(writer);
        JsonNode readerProps = reader.path("properties");
        JsonNode writerProps = writer.path("properties");
        for (String field : readerRequired) {
            if (!writerRequired.contains(field)) {
                changes.add(path + "." + field + ": required by " + readerName + " but "
                        + (writerProps.has(field) ? "optional in " : "absent from ") + writerName);
            }
        }
        for (String field : (Iterable<String>) readerProps::fieldNames) {
            JsonNode w = writerProps.get(field);
            if (w == null) {
                continue;
            }
            JsonNode r = readerProps.get(field);
            Set<String> readerTypes = types(r);
            Set<String> writerTypes = types(w);
            if (!accepts(readerTypes, writerTypes)) {
                changes.add(path + "." + field + ": type changed from " + String.join("|", writerTypes) + " in "
                        + writerName + " to " + String.join("|", readerTypes) + " in " + readerName);
            } else if (r.has("properties") || w.has("properties")) {
                compare(path + "." + field, r, w, changes, readerName, writerName);
            }
        }
        if (reader.path("additionalProperties").isBoolean() && !reader.path("additionalProperties").asBoolean()) {
            for (String field : (Iterable<String>) writerProps::fieldNames) {
                if (!readerProps.has(field)) {
                    changes.add(path + "." + field + ": in " + writerName + " but not allowed by " + readerName
                            + " (additionalProperties false)");
                }
            }
        }
    }

    /** Under BACKWARD a required field may not disappear, even where the new version would accept it. */
    private static void removedRequired(String path, JsonNode previous, JsonNode next, List<String> changes) {
        JsonNode nextProps = next.path("properties");
        for (String field : required(previous)) {
            if (!nextProps.has(field)) {
                changes.add(path + "." + field + ": required field removed");
            }
        }
    }

    private static Set<String> required(JsonNode schema) {
        Set<String> names = new LinkedHashSet<>();
        schema.path("required").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** Declared types; empty means any. */
    private static Set<String> types(JsonNode schema) {
        Set<String> types = new LinkedHashSet<>();
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            types.add(type.asText());
        } else {
            type.forEach(t -> types.add(t.asText()));
        }
        return types;
    }

    /** True when every value of a writer type is a value of a reader type ("number" takes "integer"). */
    private static boolean accepts(Set<String> reader, Set<String> writer) {
        if (reader.isEmpty()) {
            return true;
        }
        if (writer.isEmpty()) {
            return false;
        }
        for (String t : writer) {
            if (!reader.contains(t) && !(t.equals("integer") && reader.contains("number"))) {
                return false;
            }
        }
        return true;
    }
}

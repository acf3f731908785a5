package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.abbreviate;
import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Typed, field-by-field reading of a JSON request object. Every complaint is a
 * {@link ValidationException} naming the field as the client wrote it, including its place in
 * a batch ({@code events[3].tenant_id}). A route declares the fields it reads with
 * {@link #allowOnly}, so a misspelt or unsupported field is refused instead of silently dropped.
 * Not thread-safe.
 */
final class JsonFields {
    /** Strict about what follows the object: {@code {} junk} is malformed, not {@code {}}. */
    private static final ObjectReader READER = WireJson.reader().forType(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectNode node;
    private final String prefix;

    private JsonFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** The body as a JSON object; an empty body is an error. */
    static JsonFields parse(byte[] body) {
        if (body.length == 0) {
            throw new ValidationException("missing_body", "the request needs a JSON object body", null);
        }
        return parseOptional(body);
    }

    /** The body as a JSON object; an empty body reads as {@code {}}. */
    static JsonFields parseOptional(byte[] body) {
        if (body.length == 0) {
            return new JsonFields(JsonNodeFactory.instance.objectNode(), "");
        }
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (JacksonException e) {
            throw new ValidationException("malformed_json", "the body is not valid JSON: "
                    + e.getOriginalMessage(), null);
        } catch (IOException e) {
            throw new ValidationException("malformed_json", "the body could not be read: " + e.getMessage(), null);
        }
        if (tree == null || !tree.isObject()) {
            throw new ValidationException("invalid_body", "the body must be a JSON object; got "
                    + (tree == null ? "nothing" : kind(tree)), null);
        }
        return new JsonFields((ObjectNode) tree, "");
    }

    /**
     * Refuses the first field not among {@code accepted} (400 {@code unknown_field}, naming it and
     * listing the accepted ones). Returns this object.
     */
    JsonFields allowOnly(List<String> accepted) {
        for (String name : (Iterable<String>) node::fieldNames) {
            if (!accepted.contains(name)) {
                throw new ValidationException("unknown_field", "unknown field " + quote(path(name))
                        + "; accepted fields: " + String.join(", ", accepted), path(abbreviate(name)));
            }
        }
        return this;
    }

    /**
     * The same complaint, labelled with this object's place in a batch ({@code events[3]}), for
     * errors raised by code that only knows the plain field name.
     */
    ValidationException relabel(ValidationException e) {
        if (prefix.isEmpty()) {
            return e;
        }
        String place = prefix.substring(0, prefix.length() - 1);
        return new ValidationException(e.code(), place + ": " + e.getMessage(),
                e.field() == null ? place : prefix + e.field());
    }

    /** A copy of the whole object without the named fields. */
    ObjectNode copyWithout(String... names) {
        ObjectNode copy = node.deepCopy();
        copy.remove(List.of(names));
        return copy;
    }

    /** The field name as the client sees it. */
    String path(String name) {
        return prefix + name;
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    String text(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(name, "a string", value);
        }
        return value.asText();
    }

    String requiredText(String name) {
        return required(name, text(name));
    }

    UUID uuid(String name) {
        String raw = text(name);
        return raw == null ? null : Params.uuid(raw, path(name));
    }

    UUID requiredUuid(String name) {
        return required(name, uuid(name));
    }

    /** An integer within [min, max], or {@code fallback} when absent. */
    long integer(String name, long fallback, long min, long max) {
        JsonNode value = value(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrongType(name, "an integer", value);
        }
        long n = value.asLong();
        if (n < min || n > max) {
            throw new ValidationException("invalid_field",
                    path(name) + " must be between " + min + " and " + max + "; got " + n, path(name));
        }
        return n;
    }

    long requiredInteger(String name, long min, long max) {
        required(name, value(name));
        return integer(name, min, min, max);
    }

    boolean bool(String name, boolean fallback) {
        JsonNode value = value(name);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw wrongType(name, "true or false", value);
        }
        return value.asBoolean();
    }

    ObjectNode object(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw wrongType(name, "a JSON object", value);
        }
        return (ObjectNode) value;
    }

    /** The array itself, or {@code null} when absent. */
    ArrayNode arrayNode(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrongType(name, "a JSON array", value);
        }
        return (ArrayNode) value;
    }

    Instant instant(String name) {
        String raw = text(name);
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            throw new ValidationException("invalid_field", path(name)
                    + " must be an ISO-8601 time with offset such as 2025-01-10T12:00:00Z; got " + quote(raw),
                    path(name));
        }
    }

    List<String> strings(String name) {
        List<String> result = new ArrayList<>();
        List<JsonNode> items = array(name);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual()) {
                throw wrongType(name + "[" + i + "]", "a string", item);
            }
            result.add(item.asText());
        }
        return result;
    }

    Map<String, String> stringMap(String name) {
        ObjectNode object = object(name);
        if (object == null) {
            return Map.of();
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (!entry.getValue().isTextual()) {
                throw wrongType(name + "." + entry.getKey(), "a string", entry.getValue());
            }
            result.put(entry.getKey(), entry.getValue().asText());
        }
        return result;
    }

    /** The elements of an array of objects, each read with its index in field names. */
    List<JsonFields> objects(String name) {
        List<JsonNode> items = array(name);
        List<JsonFields> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String itemPath = path(name) + "[" + i + "]";
            if (!item.isObject()) {
                throw new ValidationException("invalid_field", itemPath + " must be a JSON object; got " + kind(item),
                        itemPath);
            }
            result.add(new JsonFields((ObjectNode) item, itemPath + "."));
        }
        return result;
    }

    /** An absent array reads as empty. */
    private List<JsonNode> array(String name) {
        JsonNode value = value(name);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(name, "a JSON array", value);
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    /** The field's value; JSON null counts as absent. */
    private JsonNode value(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T required(String name, T value) {
        if (value == null) {
            throw new ValidationException("missing_field", path(name) + " is required", path(name));
        }
        return value;
    }

    private ValidationException wrongType(String name, String expected, JsonNode actual) {
        return new ValidationException("invalid_field", path(name) + " must be " + expected + "; got " + kind(actual),
                path(name));
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
        };
    }
}

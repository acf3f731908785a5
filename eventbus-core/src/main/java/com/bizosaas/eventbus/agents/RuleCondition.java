package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workflow rule's condition in a form people write, such as
 * {@code data.results.score >= 70 and data.analysis_type == 'lead_scoring'}: comparisons
 * ({@code == != > >= < <=}) of an event field path with a number, a quoted string or
 * {@code true}/{@code false}, joined by {@code and}. Compiled into a content {@link EventFilter},
 * so rules and subscriptions match events with the same engine. Stateless.
 */
public final class RuleCondition {
    public static final int MAX_LENGTH = 1_000;
    private static final Pattern COMPARISON = Pattern.compile(
            "\\s*([a-z_][a-z0-9_]*(?:\\.[A-Za-z0-9_]+)*)\\s*(==|!=|>=|<=|>|<)\\s*"
                    + "('(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"|true|false|-?\\d+(?:\\.\\d+)?)\\s*");
    private static final Pattern AND = Pattern.compile("\\s+and\\s+", Pattern.CASE_INSENSITIVE);

    private RuleCondition() {
    }

    /**
     * @throws ValidationException ({@code condition}) naming the part that is not a comparison
     */
    public static EventFilter compile(String condition) {
        if (condition == null || condition.isBlank() || condition.length() > MAX_LENGTH) {
            throw new ValidationException("condition must be 1 to " + MAX_LENGTH + " characters", "condition");
        }
        ObjectNode pattern = JsonNodeFactory.instance.objectNode();
        for (String part : AND.split(condition.strip())) {
            Matcher m = COMPARISON.matcher(part);
            if (!m.matches()) {
                throw new ValidationException("condition part " + ValidationException.quote(part)
                        + " is not a comparison such as data.results.score >= 70 (operators == != > >= < <=,"
                        + " values numbers, 'strings', true or false, parts joined by and)", "condition");
            }
            add(pattern, m.group(1).split("\\."), m.group(2), literal(m.group(3)), part);
        }
        try {
            return EventFilter.of(pattern);
        } catch (ValidationException e) {
            throw new ValidationException("condition " + ValidationException.quote(condition) + ": " + e.getMessage(),
                    "condition");
        }
    }

    private static void add(ObjectNode pattern, String[] path, String op, JsonNode value, String part) {
        ObjectNode node = pattern;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            if (child != null && !child.isObject()) {
                throw conflicting(part);
            }
            node = child == null ? node.putObject(path[i]) : (ObjectNode) child;
        }
        String leaf = path[path.length - 1];
        JsonNode existing = node.get(leaf);
        boolean numeric = !op.equals("==") && !op.equals("!=");
        if (numeric && !value.isNumber()) {
            throw new ValidationException("condition part " + ValidationException.quote(part) + " compares with "
                    + op + ", which needs a number", "condition");
        }
        if (existing != null) {
            // Two bounds on one number (score >= 50 and score < 80) are one numeric range.
            JsonNode range = existing.path(0).path("numeric");
            if (!numeric || !range.isArray()) {
                throw conflicting(part);
            }
            ((ArrayNode) range).add(op).add(value);
            return;
        }
        ArrayNode match = node.putArray(leaf);
        switch (op) {
            case "==" -> match.add(value);
            case "!=" -> match.addObject().set("anything-but", value);
            default -> match.addObject().putArray("numeric").add(op).add(value);
        }
    }

    private static ValidationException conflicting(String part) {
        return new ValidationException("condition part " + ValidationException.quote(part)
                + " tests a field already tested; only two numeric bounds may share a field", "condition");
    }

    private static JsonNode literal(String text) {
        if (text.startsWith("'") || text.startsWith("\"")) {
            return JsonNodeFactory.instance.textNode(unescape(text.substring(1, text.length() - 1)));
        }
        if (text.equals("true") || text.equals("false")) {
            return JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(text));
        }
        // As Jackson reads the same number from event data, so == compares like with like.
        boolean smallWhole = !text.contains(".") && text.replace("-", "").length() <= 9;
        return smallWhole ? JsonNodeFactory.instance.numberNode(Integer.parseInt(text))
                : JsonNodeFactory.instance.numberNode(new BigDecimal(text).doubleValue());
    }

    private static String unescape(String quoted) {
        return quoted.replaceAll("\\\\(.)", "$1");
    }
}

package com.bizosaas.eventbus.filtering;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One element of a pattern's value list: an exact value or a condition object. A value that is
 * missing is passed as {@code null} and matches only {@code {"exists": false}}; an array value
 * matches when any of its elements does, as in EventBridge.
 */
abstract class ValueMatcher {
    private static final String NUMERIC_HINT = "must be [op, number] or [op, number, op, number] with op one of "
            + "=, <, <=, >, >=";

    /** Whether a missing value matches; only {@code exists: false} does. */
    boolean matchesMissing() {
        return false;
    }

    abstract boolean matches(JsonNode present);

    /**
     * For an exact value, the key under which a {@link FilterSet} finds it; {@code null} for any
     * other condition, which must be evaluated.
     */
    Object indexKey() {
        return null;
    }

    /** The key of a JSON {@code null}, which no Java value stands for in a set. */
    private static final Object JSON_NULL = new Object();

    /**
     * The key of a present event value: equal keys exactly when {@link Exact} would match, so
     * numbers by value ({@code 70} and {@code 70.0} share one) and everything else by type and
     * content; {@code null} for objects and arrays, which no exact value matches.
     */
    static Object keyOf(JsonNode value) {
        if (value.isNumber()) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return null;
            }
            return d == 0 ? 0.0d : d; // -0.0 == 0.0 for Exact, but not for Double.equals
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNull()) {
            return JSON_NULL;
        }
        return null;
    }

    static boolean anyMatches(ValueMatcher[] any, JsonNode value) {
        boolean missing = value == null || value.isMissingNode();
        for (ValueMatcher m : any) {
            if (missing ? m.matchesMissing() : m.matchesPresent(value)) {
                return true;
            }
        }
        return false;
    }

    boolean matchesPresent(JsonNode value) {
        if (!value.isArray()) {
            return matches(value);
        }
        for (JsonNode element : value) {
            if (matches(element)) {
                return true;
            }
        }
        return false;
    }

    static ValueMatcher of(JsonNode spec, String path) {
        if (spec.isValueNode()) {
            return new Exact(spec);
        }
        if (!spec.isObject() || spec.size() != 1) {
            throw FilterCompiler.invalid(path, "must be a value or an object with one of prefix, suffix, numeric, "
                    + "exists, anything-but; got " + quote(spec));
        }
        Map.Entry<String, JsonNode> condition = spec.fields().next();
        String name = condition.getKey();
        JsonNode arg = condition.getValue();
        String at = path + "." + name;
        return switch (name) {
            case "prefix" -> new Prefix(requireText(arg, at));
            case "suffix" -> new Suffix(requireText(arg, at));
            case "numeric" -> Numeric.of(arg, at);
            case "exists" -> {
                if (!arg.isBoolean()) {
                    throw FilterCompiler.invalid(at, "must be true or false; got " + quote(arg));
                }
                yield new Exists(arg.booleanValue());
            }
            case "anything-but" -> AnythingBut.of(arg, at);
            default -> throw FilterCompiler.invalid(path, "uses unknown condition " + quote(name)
                    + "; use prefix, suffix, numeric, exists or anything-but");
        };
    }

    private static String requireText(JsonNode arg, String path) {
        if (!arg.isTextual()) {
            throw FilterCompiler.invalid(path, "must be a string; got " + quote(arg));
        }
        return arg.textValue();
    }

    /** Numbers compare by value ({@code 70} equals {@code 70.0}); other values by type and content. */
    private static final class Exact extends ValueMatcher {
        private final JsonNode expected;
        private final double number;

        Exact(JsonNode expected) {
            this.expected = expected;
            this.number = expected.isNumber() ? expected.doubleValue() : Double.NaN;
        }

        @Override
        boolean matches(JsonNode value) {
            return expected.isNumber() ? value.isNumber() && value.doubleValue() == number : expected.equals(value);
        }

        @Override
        Object indexKey() {
            return keyOf(expected);
        }
    }

    private static final class Prefix extends ValueMatcher {
        private final String prefix;

        Prefix(String prefix) {
            this.prefix = prefix;
        }

        @Override
        boolean matches(JsonNode value) {
            return value.isTextual() && value.textValue().startsWith(prefix);
        }
    }

    private static final class Suffix extends ValueMatcher {
        private final String suffix;

        Suffix(String suffix) {
            this.suffix = suffix;
        }

        @Override
        boolean matches(JsonNode value) {
            return value.isTextual() && value.textValue().endsWith(suffix);
        }
    }

    /** A JSON {@code null} is a present value: only a field that is not there at all is missing. */
    private static final class Exists extends ValueMatcher {
        private final boolean exists;

        Exists(boolean exists) {
            this.exists = exists;
        }

        @Override
        boolean matchesMissing() {
            return !exists;
        }

        /** An array is present as a whole, whatever its elements. */
        @Override
        boolean matchesPresent(JsonNode value) {
            return exists;
        }

        @Override
        boolean matches(JsonNode value) {
            return exists;
        }
    }

    /** One or two comparisons that must all hold; only numbers match. */
    private static final class Numeric extends ValueMatcher {
        private static final List<String> OPS = List.of("=", "<", "<=", ">", ">=");

        /** Indexes into {@link #OPS}: resolved once, so matching does not compare operator strings. */
        private final int[] ops;
        private final double[] bounds;

        private Numeric(int[] ops, double[] bounds) {
            this.ops = ops;
            this.bounds = bounds;
        }

        static Numeric of(JsonNode arg, String path) {
            if (!arg.isArray() || (arg.size() != 2 && arg.size() != 4)) {
                throw FilterCompiler.invalid(path, NUMERIC_HINT + "; got " + quote(arg));
            }
            int n = arg.size() / 2;
            int[] ops = new int[n];
            double[] bounds = new double[n];
            for (int i = 0; i < n; i++) {
                JsonNode op = arg.get(2 * i);
                JsonNode bound = arg.get(2 * i + 1);
                int index = op.isTextual() ? OPS.indexOf(op.textValue()) : -1;
                if (index < 0) {
                    throw FilterCompiler.invalid(path + "[" + 2 * i + "]", NUMERIC_HINT + "; got " + quote(op));
                }
                if (!bound.isNumber() || !Double.isFinite(bound.doubleValue())) {
                    throw FilterCompiler.invalid(path + "[" + (2 * i + 1) + "]", "must be a number; got "
                            + quote(bound));
                }
                ops[i] = index;
                bounds[i] = bound.doubleValue();
            }
            return new Numeric(ops, bounds);
        }

        @Override
        boolean matches(JsonNode value) {
            if (!value.isNumber()) {
                return false;
            }
            double v = value.doubleValue();
            for (int i = 0; i < ops.length; i++) {
                if (!holds(ops[i], v, bounds[i])) {
                    return false;
                }
            }
            return true;
        }

        private static boolean holds(int op, double v, double bound) {
            return switch (op) {
                case 0 -> v == bound;
                case 1 -> v < bound;
                case 2 -> v <= bound;
                case 3 -> v > bound;
                default -> v >= bound;
            };
        }
    }

    /** Present and none of the listed values (or not starting with the prefix). */
    private static final class AnythingBut extends ValueMatcher {
        private final ValueMatcher[] excluded;

        private AnythingBut(ValueMatcher[] excluded) {
            this.excluded = excluded;
        }

        static AnythingBut of(JsonNode arg, String path) {
            List<ValueMatcher> excluded = new ArrayList<>();
            if (arg.isValueNode()) {
                excluded.add(new Exact(arg));
            } else if (arg.isArray() && !arg.isEmpty()) {
                for (int i = 0; i < arg.size(); i++) {
                    if (!arg.get(i).isValueNode()) {
                        throw FilterCompiler.invalid(path + "[" + i + "]", "must be a value; got " + quote(arg.get(i)));
                    }
                    excluded.add(new Exact(arg.get(i)));
                }
            } else if (arg.isObject() && arg.size() == 1 && arg.has("prefix")) {
                excluded.add(new Prefix(requireText(arg.get("prefix"), path + ".prefix")));
            } else {
                throw FilterCompiler.invalid(path, "must be a value, a non-empty list of values or {\"prefix\": "
                        + "\"...\"}; got " + quote(arg));
            }
            return new AnythingBut(excluded.toArray(ValueMatcher[]::new));
        }

        @Override
        boolean matches(JsonNode value) {
            for (ValueMatcher m : excluded) {
                if (m.matches(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}

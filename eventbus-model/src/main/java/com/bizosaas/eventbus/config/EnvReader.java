package com.bizosaas.eventbus.config;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads {@code EVENTBUS_*} settings from an environment map (usually {@code System.getenv()}), for
 * the server, every adapter's config and the Spring Boot starter alike: blank values count as
 * unset, values are trimmed, and every complaint is a {@link ConfigurationException} that names the
 * variable, the rule and the value, as {@code NAME must be RULE; got 'VALUE'}. Immutable.
 */
public final class EnvReader {
    private final Map<String, String> values;

    private EnvReader(Map<String, String> values) {
        this.values = values;
    }

    /** The set, non-blank entries of {@code env}, trimmed. */
    public static EnvReader of(Map<String, String> env) {
        Map<String, String> set = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name != null && value != null && !value.isBlank()) {
                set.put(name, value.strip());
            }
        });
        return new EnvReader(Map.copyOf(set));
    }

    /** Every set variable, by name; for settings a reader passes through (e.g. Kafka client properties). */
    public Map<String, String> values() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or {@code null} when unset. */
    public String text(String name) {
        return values.get(name);
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** A whole number, or {@code null} when unset. */
    public Integer integer(String name) {
        return parse(name, null, Integer::valueOf, "a whole number");
    }

    public int integer(String name, int fallback) {
        return parse(name, fallback, Integer::valueOf, "a whole number");
    }

    /** A whole number in [min, max]. */
    public int integer(String name, int fallback, int min, int max) {
        int value = parse(name, fallback, Integer::valueOf, "an integer between " + min + " and " + max);
        if (value < min || value > max) {
            throw invalid(name, "must be an integer between " + min + " and " + max, text(name));
        }
        return value;
    }

    public long number(String name, long fallback) {
        return parse(name, fallback, Long::valueOf, "a whole number");
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean bool(String name, boolean fallback) {
        return parse(name, fallback, EnvReader::parseBoolean, "true or false");
    }

    /** One of the enum's constants, named in any case. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String raw = text(name);
        if (raw == null) {
            return fallback;
        }
        StringBuilder options = new StringBuilder();
        for (E option : type.getEnumConstants()) {
            if (option.name().equalsIgnoreCase(raw)) {
                return option;
            }
            options.append(options.length() == 0 ? "" : ", ").append(option.name().toLowerCase(Locale.ROOT));
        }
        throw invalid(name, "must be one of " + options, raw);
    }

    /**
     * The value read by {@code parser}, or {@code fallback} when unset; a parser's
     * {@link IllegalArgumentException} becomes a complaint that the value must be {@code expected}.
     */
    public <T> T parse(String name, T fallback, Function<String, T> parser, String expected) {
        String raw = text(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "must be " + expected, raw);
        }
    }

    /** {@code NAME RULE; got 'VALUE'}, e.g. {@code EVENTBUS_REDIS_PORT must be a port number; got 'x'}. */
    public static ConfigurationException invalid(String name, String rule, Object value) {
        return new ConfigurationException(name, name + " " + rule + "; got '" + value + "'");
    }

    private static Boolean parseBoolean(String raw) {
        if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
            return Boolean.valueOf(raw.toLowerCase(Locale.ROOT));
        }
        throw new IllegalArgumentException(raw);
    }
}

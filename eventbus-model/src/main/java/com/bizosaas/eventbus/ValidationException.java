package com.bizosaas.eventbus;

/** Input that can never succeed as given; {@link #field()} names the offending field when there is one. */
public class ValidationException extends EventBusException {
    private static final long serialVersionUID = 1L;

    /** The most characters of a client's value that {@link #quote} repeats. */
    public static final int MAX_QUOTED = 100;

    private final String field;

    public ValidationException(String code, String message, String field) {
        super(code, message);
        this.field = field;
    }

    public ValidationException(String message, String field) {
        this("validation_failed", message, field);
    }

    /**
     * A client's value as quoted in a message: in single quotes, cut to {@value #MAX_QUOTED}
     * characters with the full length noted, so a huge bad value does not make a huge error.
     */
    public static String quote(Object value) {
        String text = String.valueOf(value);
        String quoted = "'" + abbreviate(text) + "'";
        return text.length() <= MAX_QUOTED ? quoted : quoted + " (" + text.length() + " characters)";
    }

    /** The text cut to its first {@value #MAX_QUOTED} characters, marked with {@code ...} when cut. */
    public static String abbreviate(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...";
    }

    /** The JSON field name at fault, or {@code null}. */
    public String field() {
        return field;
    }
}

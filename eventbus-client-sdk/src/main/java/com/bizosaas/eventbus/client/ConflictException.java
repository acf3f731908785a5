package com.bizosaas.eventbus.client;

import java.util.List;

/**
 * The request conflicts with the server's current state (409): a stale stream version
 * ({@code wrong_expected_version}, with {@link #currentVersion()}), or a schema its type's
 * compatibility refuses ({@code incompatible_schema}, with {@link #breakingChanges()}).
 */
public class ConflictException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    private final Long currentVersion;
    private final List<String> breakingChanges;

    public ConflictException(String code, String message) {
        this(code, message, null, List.of());
    }

    public ConflictException(String code, String message, Long currentVersion, List<String> breakingChanges) {
        super(code, message, 409);
        this.currentVersion = currentVersion;
        this.breakingChanges = List.copyOf(breakingChanges);
    }

    /** The stream's version when an append expected another; {@code null} for other conflicts. */
    public Long currentVersion() {
        return currentVersion;
    }

    /** What an incompatible schema breaks, one sentence per change; empty for other conflicts. */
    public List<String> breakingChanges() {
        return breakingChanges;
    }
}

package com.bizosaas.eventbus;

/**
 * An append to an event-sourced stream named an expected version the stream is not at: another
 * writer got there first. Reload the stream (from {@link #currentVersion()}), decide again, retry.
 */
public class WrongExpectedVersionException extends ConflictException {
    private static final long serialVersionUID = 1L;

    private final long currentVersion;
    private final long expectedVersion;

    public WrongExpectedVersionException(String streamId, long currentVersion, long expectedVersion) {
        super("wrong_expected_version", "stream '" + streamId + "' is at version " + currentVersion
                + ", not at the expected version " + expectedVersion);
        this.currentVersion = currentVersion;
        this.expectedVersion = expectedVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }

    public long expectedVersion() {
        return expectedVersion;
    }
}

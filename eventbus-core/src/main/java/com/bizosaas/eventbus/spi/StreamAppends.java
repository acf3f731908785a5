package com.bizosaas.eventbus.spi;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The argument checks of {@link EventLog#appendToStream}, in one place for every store, so that a
 * request that can never succeed is the same {@link ValidationException} (400) on each, before
 * any store reads the stream's version (which would make it a 409 on one store and a 400 on another).
 */
public final class StreamAppends {
    private StreamAppends() {
    }

    /**
     * @throws ValidationException when the stream id is blank or too long, the expected version
     *                             is below {@link EventLog#ANY_VERSION}, or an event lacks its id
     *                             or time or belongs to another tenant
     */
    public static void check(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        Objects.requireNonNull(tenantId, "tenantId");
        if (streamId == null || streamId.isBlank() || streamId.length() > Event.MAX_FIELD_LENGTH) {
            throw new ValidationException("stream id (subject) is required, at most " + Event.MAX_FIELD_LENGTH
                    + " characters", "subject");
        }
        if (expectedVersion < EventLog.ANY_VERSION) {
            throw new ValidationException("expected version must be " + EventLog.ANY_VERSION
                    + " (any) or 0 or more; got " + expectedVersion, "expected_version");
        }
        for (Event e : events) {
            requireStorable(e);
            if (!e.tenantId().equals(tenantId)) {
                throw new ValidationException("event " + e.id() + " belongs to tenant " + e.tenantId()
                        + ", not to the stream's tenant " + tenantId, "tenant_id");
            }
        }
    }

    /** An event a store can keep: the bus has assigned its id and time. */
    public static void requireStorable(Event e) {
        if (e.id() == null) {
            throw new ValidationException("event id is required to store an event", "id");
        }
        if (e.time() == null) {
            throw new ValidationException("event time is required to store an event", "time");
        }
    }
}

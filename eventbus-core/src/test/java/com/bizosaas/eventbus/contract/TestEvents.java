package com.bizosaas.eventbus.contract;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Event fixtures for the contract suites. Times are cut to milliseconds so that stores with
 * coarser clocks (PostgreSQL keeps microseconds) round-trip them exactly.
 */
public final class TestEvents {
    public static final String TYPE = "order.placed";

    private TestEvents() {
    }

    /** A fresh tenant id: tests on a shared database never see each other's events. */
    public static UUID newTenant() {
        return UUID.randomUUID();
    }

    /** Now, cut to milliseconds. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A builder for a storable event: id, type, tenant, source and time set. */
    public static Event.Builder event(UUID tenantId) {
        return event(tenantId, TYPE, now());
    }

    public static Event.Builder event(UUID tenantId, String type, Instant time) {
        return Event.builder()
                .id(EventIds.next())
                .type(type)
                .tenant(tenantId)
                .source("contract-test")
                .time(time.truncatedTo(ChronoUnit.MILLIS));
    }
}

package com.bizosaas.eventbus.tenancy;

import java.util.Set;

/**
 * Which of a tenant's events have their {@code data} encrypted: none ({@link #OFF}, the default),
 * all, or those of the listed event types. Immutable.
 */
public record EncryptionPolicy(Mode mode, Set<String> eventTypes) {
    public static final EncryptionPolicy OFF = new EncryptionPolicy(Mode.OFF, Set.of());
    public static final EncryptionPolicy ALL = new EncryptionPolicy(Mode.ALL, Set.of());

    public enum Mode { OFF, ALL, TYPES }

    public EncryptionPolicy {
        if (mode == null) {
            throw new IllegalArgumentException("an encryption policy needs a mode");
        }
        eventTypes = eventTypes == null ? Set.of() : Set.copyOf(eventTypes);
        if (mode == Mode.TYPES && eventTypes.isEmpty()) {
            throw new IllegalArgumentException("the types policy needs at least one event type");
        }
        if (mode != Mode.TYPES && !eventTypes.isEmpty()) {
            throw new IllegalArgumentException("event types are listed only with the types policy");
        }
    }

    public static EncryptionPolicy types(Set<String> eventTypes) {
        return new EncryptionPolicy(Mode.TYPES, eventTypes);
    }

    public boolean appliesTo(String eventType) {
        return mode == Mode.ALL || mode == Mode.TYPES && eventTypes.contains(eventType);
    }
}

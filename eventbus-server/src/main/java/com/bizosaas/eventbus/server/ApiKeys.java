package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.tenancy.ApiKeySecrets;
import com.bizosaas.eventbus.tenancy.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The API keys of {@code EVENTBUS_API_KEYS} ({@code key1:tenant-uuid,key2:*}): each key acts for
 * one tenant, or for every tenant ({@code *}, a platform key for services such as the AI agents),
 * with every scope: they bootstrap a deployment, whose other keys are then managed ones.
 * {@link #NONE} means authentication is off. Immutable and thread-safe; never prints the keys.
 */
public final class ApiKeys {
    public static final String VARIABLE = "EVENTBUS_API_KEYS";
    /** No keys configured: every caller acts as the platform. */
    public static final ApiKeys NONE = new ApiKeys(List.of());

    private final List<Entry> entries;

    private ApiKeys(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    private record Entry(byte[] key, Caller caller) {
    }

    /** Parses the variable's value; blank means {@link #NONE}. */
    public static ApiKeys parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        String[] items = spec.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            entries.add(parseEntry(items[i].trim(), i + 1, entries));
        }
        return new ApiKeys(entries);
    }

    private static Entry parseEntry(String item, int position, List<Entry> earlier) {
        int colon = item.lastIndexOf(':');
        if (colon <= 0) {
            throw invalid("entry " + position + " must look like key:tenant-uuid or key:*"
                    + (item.isEmpty() ? " but is empty" : " (no key before ':')"));
        }
        String key = item.substring(0, colon).trim();
        String scope = item.substring(colon + 1).trim();
        if (key.isEmpty()) {
            throw invalid("entry " + position + " has an empty key");
        }
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        if (earlier.stream().anyMatch(e -> MessageDigest.isEqual(e.key(), keyBytes))) {
            throw invalid("entry " + position + " repeats a key of an earlier entry");
        }
        // The id lets the audit log tell bootstrap keys apart without recording the key.
        UUID id = UUID.nameUUIDFromBytes(ApiKeySecrets.hash(key));
        String name = VARIABLE + " entry " + position;
        if (scope.equals("*")) {
            return new Entry(keyBytes, new Caller(null, id, name, Scope.ALL));
        }
        try {
            return new Entry(keyBytes, new Caller(UUID.fromString(scope), id, name, Scope.ALL));
        } catch (IllegalArgumentException e) {
            throw invalid("entry " + position + " must name a tenant UUID or * after the key; got '" + scope + "'");
        }
    }

    private static ValidationException invalid(String detail) {
        return new ValidationException("invalid_configuration", VARIABLE + " " + detail, VARIABLE);
    }

    public boolean isEnabled() {
        return !entries.isEmpty();
    }

    /** Whom the key acts for, or empty when it is not a configured key. Looks at every key, in constant time each. */
    public Optional<Caller> lookup(String key) {
        byte[] candidate = key.getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.key(), candidate)) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "ApiKeys[" + entries.size() + " keys]";
    }
}

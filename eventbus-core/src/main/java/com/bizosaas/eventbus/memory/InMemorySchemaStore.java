package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.schema.Compatibility;
import com.bizosaas.eventbus.schema.RegisteredSchema;
import com.bizosaas.eventbus.spi.SchemaStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** The embedded {@link SchemaStore}: versions in memory, lost on exit. Thread-safe. */
public final class InMemorySchemaStore implements SchemaStore {
    private static final Comparator<RegisteredSchema> BY_TYPE_AND_VERSION = Comparator
            .comparing(RegisteredSchema::eventType).thenComparingInt(RegisteredSchema::version);

    private record Key(UUID scope, String eventType) {
    }

    private final Map<Key, List<RegisteredSchema>> versions = new ConcurrentHashMap<>();
    private final Map<Key, Compatibility> compatibility = new ConcurrentHashMap<>();

    @Override
    public boolean insert(RegisteredSchema schema) {
        List<RegisteredSchema> list = versions.computeIfAbsent(new Key(schema.tenantId(), schema.eventType()),
                k -> new ArrayList<>());
        synchronized (list) {
            if (list.stream().anyMatch(s -> s.version() == schema.version())) {
                return false;
            }
            list.add(schema);
            list.sort(BY_TYPE_AND_VERSION);
            return true;
        }
    }

    @Override
    public List<RegisteredSchema> versions(UUID scope, String eventType) {
        List<RegisteredSchema> list = versions.get(new Key(scope, eventType));
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    @Override
    public List<RegisteredSchema> list(UUID scope) {
        List<RegisteredSchema> all = new ArrayList<>();
        versions.forEach((key, list) -> {
            if (Objects.equals(key.scope(), scope)) {
                synchronized (list) {
                    all.addAll(list);
                }
            }
        });
        all.sort(BY_TYPE_AND_VERSION);
        return all;
    }

    @Override
    public Optional<Compatibility> compatibility(UUID scope, String eventType) {
        return Optional.ofNullable(compatibility.get(new Key(scope, eventType)));
    }

    @Override
    public void setCompatibility(UUID scope, String eventType, Compatibility value) {
        compatibility.put(new Key(scope, eventType), value);
    }
}

package com.bizosaas.eventbus.schema;

import static com.bizosaas.eventbus.ValidationException.quote;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.publishing.PublishStage;
import com.bizosaas.eventbus.spi.SchemaStore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link SchemaRegistry} on a {@link SchemaStore}, with compiled schemas cached per scope and type. */
final class DefaultSchemaRegistry implements SchemaRegistry {
    /** How long cached versions are trusted before the store is asked again (other instances register too). */
    static final Duration RELOAD_AFTER = Duration.ofSeconds(5);

    private record Key(UUID scope, String eventType) {
    }

    /** One scope's versions of one type, compiled on first use. */
    private static final class TypeVersions {
        final List<RegisteredSchema> versions;
        final long loadedAtMillis;
        final Map<Integer, Schema> compiled;

        TypeVersions(List<RegisteredSchema> versions, long loadedAtMillis, TypeVersions previous) {
            this.versions = versions;
            this.loadedAtMillis = loadedAtMillis;
            // Versions never change once stored, so a reload keeps what was compiled.
            this.compiled = previous == null ? new ConcurrentHashMap<>() : previous.compiled;
        }

        RegisteredSchema version(int version) {
            // Versions are numbered from 1 without gaps.
            return version >= 1 && version <= versions.size() ? versions.get(version - 1) : null;
        }

        Schema compiled(int version) {
            RegisteredSchema schema = version(version);
            return schema == null ? null : compiled.computeIfAbsent(version, v -> JsonSchemas.compile(schema.schema()));
        }

        int latest() {
            return versions.size();
        }
    }

    private final SchemaStore store;
    private final Clock clock;
    private final Map<Key, TypeVersions> cache = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, Upcaster>> upcasters = new ConcurrentHashMap<>();

    DefaultSchemaRegistry(SchemaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public RegisteredSchema register(UUID tenantId, String eventType, ObjectNode schema, ArrayNode upcast) {
        if (!EventTypes.isValid(eventType)) {
            throw new ValidationException("invalid_field", "event_type must be lower-case dotted words such as "
                    + "lead.created; got " + quote(eventType), "event_type");
        }
        ArrayNode steps = upcast == null ? JsonNodeFactory.instance.arrayNode() : upcast.deepCopy();
        Upcasts.validate(steps);
        JsonSchemas.compileChecked(schema);
        List<RegisteredSchema> existing = store.versions(tenantId, eventType);
        if (existing.isEmpty() && !steps.isEmpty()) {
            throw new ValidationException("invalid_field", "upcast: version 1 has no earlier version to upcast from",
                    "upcast");
        }
        if (!existing.isEmpty()) {
            RegisteredSchema previous = existing.get(existing.size() - 1);
            Compatibility mode = compatibility(tenantId, eventType);
            List<String> breaking = CompatibilityCheck.breakingChanges(mode, previous.schema(), schema);
            if (!breaking.isEmpty()) {
                throw new IncompatibleSchemaException("the schema is not " + mode.wire() + " compatible with version "
                        + previous.version() + " of " + eventType + ": " + String.join("; ", breaking), breaking);
            }
        }
        RegisteredSchema registered = new RegisteredSchema(tenantId, eventType, existing.size() + 1,
                schema.deepCopy(), steps, clock.instant());
        if (!store.insert(registered)) {
            throw new ConflictException("concurrent_registration", "version " + registered.version() + " of "
                    + eventType + " was registered by another request at the same time; register again");
        }
        cache.remove(new Key(tenantId, eventType));
        return registered;
    }

    @Override
    public List<RegisteredSchema> list(UUID tenantId) {
        List<RegisteredSchema> all = new ArrayList<>(store.list(null));
        if (tenantId != null) {
            all.addAll(store.list(tenantId));
        }
        all.sort(Comparator.comparing(RegisteredSchema::eventType)
                .thenComparing(s -> s.tenantId() != null)
                .thenComparingInt(RegisteredSchema::version));
        return all;
    }

    @Override
    public List<RegisteredSchema> versions(UUID scope, String eventType) {
        return store.versions(scope, eventType);
    }

    @Override
    public Optional<RegisteredSchema> find(UUID scope, String eventType, int version) {
        // From the store, not the cache: a version just registered on another instance must be readable.
        return store.versions(scope, eventType).stream().filter(s -> s.version() == version).findFirst();
    }

    @Override
    public Compatibility compatibility(UUID scope, String eventType) {
        return store.compatibility(scope, eventType).orElse(Compatibility.DEFAULT);
    }

    @Override
    public void setCompatibility(UUID scope, String eventType, Compatibility compatibility) {
        if (!EventTypes.isValid(eventType)) {
            throw new ValidationException("invalid_field", "event_type must be lower-case dotted words such as "
                    + "lead.created; got " + quote(eventType), "event_type");
        }
        store.setCompatibility(scope, eventType, compatibility);
    }

    @Override
    public void upcaster(String eventType, int fromVersion, Upcaster upcaster) {
        if (fromVersion < 1 || upcaster == null) {
            throw new IllegalArgumentException("fromVersion must be 1 or more and upcaster given; got " + fromVersion);
        }
        upcasters.computeIfAbsent(eventType, t -> new ConcurrentHashMap<>()).put(fromVersion, upcaster);
    }

    @Override
    public int latestVersion(UUID tenantId, String eventType) {
        int latest = Math.max(1, effective(tenantId, eventType).latest());
        Map<Integer, Upcaster> java = upcasters.getOrDefault(eventType, Map.of());
        // Java upcasters extend the chain past the registered versions only where they connect.
        while (java.containsKey(latest)) {
            latest++;
        }
        return latest;
    }

    @Override
    public Event upcast(Event event, int targetVersion) {
        if (event.version() >= targetVersion) {
            return event;
        }
        TypeVersions versions = effective(event.tenantId(), event.eventType());
        Map<Integer, Upcaster> java = upcasters.getOrDefault(event.eventType(), Map.of());
        ObjectNode data = event.data().deepCopy();
        for (int v = event.version(); v < targetVersion; v++) {
            Upcaster upcaster = java.get(v);
            RegisteredSchema next = versions.version(v + 1);
            if (upcaster != null) {
                data = upcaster.upcast(data);
            } else if (next != null) {
                Upcasts.apply(next.upcast(), data);
            } else {
                throw new ValidationException("no_upcaster", "no upcaster turns version " + v + " of "
                        + event.eventType() + " into version " + (v + 1), "schema_version");
            }
        }
        return event.toBuilder().version(targetVersion).data(data).build();
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public PublishStage validation() {
        return this::validate;
    }

    private List<Event> validate(List<Event> events) {
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            TypeVersions versions = effective(event.tenantId(), event.eventType());
            if (versions.versions.isEmpty()) {
                continue;
            }
            Schema schema = versions.compiled(event.version());
            if (schema == null) {
                versions = reloadEffective(event.tenantId(), event.eventType());
                schema = versions.compiled(event.version());
            }
            if (schema == null) {
                throw new SchemaValidationException("version " + event.version() + " of " + event.eventType()
                        + " is not registered; registered versions are 1 to " + versions.latest(), "version", i);
            }
            List<Error> errors = schema.validate(event.data());
            if (!errors.isEmpty()) {
                Error first = errors.get(0);
                throw new SchemaValidationException("data does not match version " + event.version() + " of "
                        + event.eventType() + ": " + JsonSchemas.describe(first, "data"),
                        JsonSchemas.path(first, "data"), i);
            }
        }
        return events;
    }

    /** The tenant's own versions of the type when it has any, else the global ones. */
    private TypeVersions effective(UUID tenantId, String eventType) {
        if (tenantId != null) {
            TypeVersions own = cached(tenantId, eventType, false);
            if (!own.versions.isEmpty()) {
                return own;
            }
        }
        return cached(null, eventType, false);
    }

    private TypeVersions reloadEffective(UUID tenantId, String eventType) {
        if (tenantId != null) {
            TypeVersions own = cached(tenantId, eventType, true);
            if (!own.versions.isEmpty()) {
                return own;
            }
        }
        return cached(null, eventType, true);
    }

    private TypeVersions cached(UUID scope, String eventType, boolean reload) {
        Key key = new Key(scope, eventType);
        long now = clock.millis();
        TypeVersions entry = cache.get(key);
        if (reload || entry == null || now - entry.loadedAtMillis >= RELOAD_AFTER.toMillis()) {
            entry = new TypeVersions(store.versions(scope, eventType), now, entry);
            cache.put(key, entry);
        }
        return entry;
    }
}

package com.bizosaas.eventbus.sourcing;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventDataMappingException;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Loads and saves event-sourced aggregates on a bus: the latest snapshot plus the stream's later
 * events, each upcast to its type's latest schema version and applied to the state; new events
 * appended with the loaded version as the expected one (a concurrent writer makes the save fail
 * with {@link com.bizosaas.eventbus.WrongExpectedVersionException}: load again and retry); a
 * snapshot taken whenever a save crosses a multiple of {@code snapshotEvery} versions. The state
 * type must map to a JSON object with the bus's JSON rules (a record or bean). Thread-safe if
 * {@code apply} is.
 *
 * <pre>{@code
 * var accounts = AggregateRepository.of(bus, Account.class, Account::empty, Account::apply, 100);
 * var account = accounts.load(tenant, "account-42");
 * accounts.save(tenant, "account-42", account, List.of(credited(50)));
 * }</pre>
 */
public final class AggregateRepository<S> {
    private final EventBus bus;
    private final Class<S> stateType;
    private final Supplier<S> initial;
    private final BiFunction<S, Event, S> apply;
    private final int snapshotEvery;
    private final Clock clock;

    /** A state at a stream version (0: the stream has no events yet). Immutable if {@code state} is. */
    public record Loaded<S>(S state, long version) {
    }

    private AggregateRepository(EventBus bus, Class<S> stateType, Supplier<S> initial, BiFunction<S, Event, S> apply,
                                int snapshotEvery, Clock clock) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.stateType = Objects.requireNonNull(stateType, "stateType");
        this.initial = Objects.requireNonNull(initial, "initial");
        this.apply = Objects.requireNonNull(apply, "apply");
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery must be at least 1; got " + snapshotEvery);
        }
        this.snapshotEvery = snapshotEvery;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param initial       the state of a stream without events
     * @param apply         the state after one event (may return a new object or the same one changed)
     * @param snapshotEvery how many versions between snapshots
     */
    public static <S> AggregateRepository<S> of(EventBus bus, Class<S> stateType, Supplier<S> initial,
                                                BiFunction<S, Event, S> apply, int snapshotEvery) {
        return new AggregateRepository<>(bus, stateType, initial, apply, snapshotEvery, Clock.systemUTC());
    }

    public Loaded<S> load(UUID tenantId, String streamId) {
        Snapshot snapshot = bus.snapshots().latest(tenantId, streamId).orElse(null);
        S state = snapshot == null ? initial.get() : fromJson(snapshot.state());
        long version = snapshot == null ? 0 : snapshot.version();
        return applyAll(new Loaded<>(state, version), bus.readStream(tenantId, streamId, version + 1));
    }

    /**
     * Appends {@code newEvents} (drafts of the tenant; their subject becomes the stream) after
     * {@code loaded}, and returns the state with them applied.
     */
    public Loaded<S> save(UUID tenantId, String streamId, Loaded<S> loaded, List<Event> newEvents) {
        if (newEvents.isEmpty()) {
            return loaded;
        }
        List<Event> stored = bus.appendToStream(tenantId, streamId, loaded.version(), newEvents);
        Loaded<S> saved = applyAll(loaded, stored);
        if (saved.version() / snapshotEvery > loaded.version() / snapshotEvery) {
            bus.snapshots().save(new Snapshot(tenantId, streamId, saved.version(), toJson(saved.state()),
                    clock.instant()));
        }
        return saved;
    }

    private Loaded<S> applyAll(Loaded<S> from, List<Event> events) {
        S state = from.state();
        long version = from.version();
        for (Event event : events) {
            state = apply.apply(state, bus.schemas().toLatest(event));
            version = event.streamVersion();
        }
        return new Loaded<>(state, version);
    }

    private ObjectNode toJson(S state) {
        JsonNode json = WireJson.toTree(state);
        if (!json.isObject()) {
            throw new IllegalArgumentException(stateType.getName() + " must map to a JSON object to be snapshotted; got "
                    + json.getNodeType());
        }
        return (ObjectNode) json;
    }

    private S fromJson(ObjectNode json) {
        try {
            return WireJson.convert(json, stateType);
        } catch (Exception e) {
            throw new EventDataMappingException("the snapshot does not map onto " + stateType.getName()
                    + " (did the state type change? delete or supersede the snapshot): " + e.getMessage(), e);
        }
    }
}

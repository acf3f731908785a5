package com.bizosaas.eventbus.filtering;

import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Items (subscriptions) with optional filters, indexed so that matching one event evaluates few
 * filters: the event's fields are read once for all filters; items sharing an equal filter are
 * evaluated once; a filter with an exact-value condition outside {@code $or} is looked up by the
 * event's value at that place and never evaluated for events that lack all its values. Matches
 * exactly the items whose filter {@link EventFilter#matches} the event. Immutable and thread-safe
 * once built.
 *
 * @param <T> what is indexed
 */
public final class FilterSet<T> {
    private final List<T> unfiltered;
    private final List<Group<T>> scanned;
    private final List<PathIndex<T>> indexed;

    private FilterSet(List<T> unfiltered, List<Group<T>> scanned, List<PathIndex<T>> indexed) {
        this.unfiltered = unfiltered;
        this.scanned = scanned;
        this.indexed = indexed;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /**
     * Hands {@code sink} every item that {@code admits} accepts and whose filter (if any) matches
     * {@code event}. {@code admits} runs before the filter, so it should be the cheaper test.
     */
    public void forEachMatch(Event event, Predicate<? super T> admits, Consumer<? super T> sink) {
        for (T item : unfiltered) {
            if (admits.test(item)) {
                sink.accept(item);
            }
        }
        if (scanned.isEmpty() && indexed.isEmpty()) {
            return;
        }
        EventFields fields = new EventFields(event);
        for (Group<T> group : scanned) {
            group.offer(fields, admits, sink);
        }
        for (PathIndex<T> index : indexed) {
            index.offer(fields, admits, sink);
        }
    }

    /** Items sharing one filter: the filter runs once, and only if one of them is admitted. */
    private record Group<T>(EventFilter filter, List<T> items) {
        void offer(EventFields event, Predicate<? super T> admits, Consumer<? super T> sink) {
            int evaluated = 0; // 0 not yet, 1 matched, -1 did not
            for (T item : items) {
                if (!admits.test(item)) {
                    continue;
                }
                if (evaluated == 0) {
                    evaluated = filter.matches(event) ? 1 : -1;
                }
                if (evaluated < 0) {
                    return;
                }
                sink.accept(item);
            }
        }
    }

    /** The groups whose filter needs one of the listed exact values at {@code path}. */
    private record PathIndex<T>(FieldPath path, Map<Object, List<Group<T>>> byKey) {
        void offer(EventFields event, Predicate<? super T> admits, Consumer<? super T> sink) {
            JsonNode value = path.read(event);
            if (value == null || value.isMissingNode()) {
                return;
            }
            if (!value.isArray()) {
                offer(ValueMatcher.keyOf(value), event, admits, sink);
                return;
            }
            // Several elements may lead to one group: offer it once.
            Set<Group<T>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (JsonNode element : value) {
                Object key = ValueMatcher.keyOf(element);
                for (Group<T> group : key == null ? List.<Group<T>>of() : byKey.getOrDefault(key, List.of())) {
                    if (seen.add(group)) {
                        group.offer(event, admits, sink);
                    }
                }
            }
        }

        private void offer(Object key, EventFields event, Predicate<? super T> admits, Consumer<? super T> sink) {
            if (key == null) {
                return;
            }
            for (Group<T> group : byKey.getOrDefault(key, List.of())) {
                group.offer(event, admits, sink);
            }
        }
    }

    /** Collects items; not thread-safe. */
    public static final class Builder<T> {
        private final List<T> unfiltered = new ArrayList<>();
        private final Map<EventFilter, List<T>> byFilter = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds {@code item}, matched when {@code filter} matches, or always when it is {@code null}. */
        public Builder<T> add(T item, EventFilter filter) {
            if (filter == null) {
                unfiltered.add(item);
            } else {
                byFilter.computeIfAbsent(filter, f -> new ArrayList<>()).add(item);
            }
            return this;
        }

        public FilterSet<T> build() {
            List<Group<T>> scanned = new ArrayList<>();
            Map<FieldPath, Map<Object, List<Group<T>>>> indexes = new LinkedHashMap<>();
            byFilter.forEach((filter, items) -> {
                Group<T> group = new Group<>(filter, List.copyOf(items));
                List<ExactCondition> conditions = filter.exactConditions();
                if (conditions.isEmpty()) {
                    scanned.add(group);
                    return;
                }
                // One condition is enough to skip the filter; the first is as good as any.
                ExactCondition condition = conditions.get(0);
                Map<Object, List<Group<T>>> byKey = indexes.computeIfAbsent(condition.path(), p -> new HashMap<>());
                for (Object key : condition.keys()) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(group);
                }
            });
            List<PathIndex<T>> indexed = new ArrayList<>();
            indexes.forEach((path, byKey) -> {
                Map<Object, List<Group<T>>> frozen = new HashMap<>();
                byKey.forEach((key, groups) -> frozen.put(key, List.copyOf(groups)));
                indexed.add(new PathIndex<>(path, Map.copyOf(frozen)));
            });
            return new FilterSet<>(List.copyOf(unfiltered), List.copyOf(scanned), List.copyOf(indexed));
        }
    }
}

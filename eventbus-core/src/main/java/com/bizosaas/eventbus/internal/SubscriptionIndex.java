package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.filtering.FilterSet;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The subscriptions an event can reach, found without visiting the others: grouped by tenant and
 * exact event type (a missing tenant or a wildcard pattern stands for any), then by filter in a
 * {@link FilterSet}. Finds exactly the subscriptions whose {@link Subscription#matches} is true.
 * Immutable and thread-safe; public only for the benchmarks.
 */
public final class SubscriptionIndex {
    static final SubscriptionIndex EMPTY = of(List.of());

    /** {@code null} in a component means any tenant or any type. */
    private record Route(UUID tenant, String type) {
    }

    private final Map<Route, FilterSet<Subscription>> byRoute;

    private SubscriptionIndex(Map<Route, FilterSet<Subscription>> byRoute) {
        this.byRoute = byRoute;
    }

    public static SubscriptionIndex of(Collection<Subscription> subscriptions) {
        Map<Route, FilterSet.Builder<Subscription>> builders = new HashMap<>();
        for (Subscription s : subscriptions) {
            String type = EventTypes.isValid(s.eventPattern()) ? s.eventPattern() : null;
            builders.computeIfAbsent(new Route(s.tenantId(), type), r -> FilterSet.builder()).add(s, s.filter());
        }
        Map<Route, FilterSet<Subscription>> built = new HashMap<>();
        builders.forEach((route, builder) -> built.put(route, builder.build()));
        return new SubscriptionIndex(Map.copyOf(built));
    }

    public List<Subscription> matching(Event event) {
        List<Subscription> result = new ArrayList<>(4);
        // The route already settles the tenant, and the type where it is exact: only the target
        // services (and a wildcard's pattern) are left to check per subscription.
        Predicate<Subscription> targeted = event.targetServices().isEmpty()
                ? s -> true : s -> event.isTargetedAt(s.serviceName());
        Predicate<Subscription> patternAndTargeted = s -> s.routes(event);
        collect(new Route(event.tenantId(), event.eventType()), event, targeted, result);
        collect(new Route(event.tenantId(), null), event, patternAndTargeted, result);
        collect(new Route(null, event.eventType()), event, targeted, result);
        collect(new Route(null, null), event, patternAndTargeted, result);
        return result;
    }

    private void collect(Route route, Event event, Predicate<Subscription> admits, List<Subscription> result) {
        FilterSet<Subscription> set = byRoute.get(route);
        if (set != null) {
            set.forEachMatch(event, admits, result::add);
        }
    }
}

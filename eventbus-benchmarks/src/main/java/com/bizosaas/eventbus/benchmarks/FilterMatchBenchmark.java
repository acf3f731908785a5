package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.internal.SubscriptionIndex;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost content filters add to dispatch: one event matched against {@value #SUBSCRIPTIONS}
 * subscriptions of its tenant and type. Every subscription passes the tenant, type and target
 * checks, so only the filters tell them apart: the worst case for the index.
 *
 * <ul>
 *   <li>{@code withoutFilters}: the same subscriptions without filters, each checked with
 *       {@code Subscription.matches}, the baseline.</li>
 *   <li>{@code perSubscription}: each subscription has one of six filters cycling through every
 *       operator (numeric range, prefix + suffix, exact values, anything-but, exists with a nested
 *       path, and $or), each checked with {@code Subscription.matches}: the dispatcher's loop
 *       before {@code SubscriptionIndex}.</li>
 *   <li>{@code indexed}: the same subscriptions through {@code SubscriptionIndex.matching}, what
 *       the dispatcher runs now (event fields read once, equal filters evaluated once, filters
 *       with exact values looked up by the event's value). The six patterns take {@code i % 100},
 *       so there are 300 distinct filters among the 1,000.</li>
 *   <li>{@code indexedDistinctFilters}: 1,000 distinct filters (the patterns take {@code i}), so
 *       no two subscriptions share an evaluation.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterMatchBenchmark {
    static final int SUBSCRIPTIONS = 1000;

    private static final String[] FILTERS = {
        "{\"data\": {\"score\": [{\"numeric\": [\">=\", %d, \"<\", 1000]}]}}",
        "{\"data\": {\"email\": [{\"suffix\": \"@acme%d.example\"}]}, \"subject\": [{\"prefix\": \"lead-\"}]}",
        "{\"source_service\": [\"crm-service\", \"svc-%d\"], \"data\": {\"stage\": [\"qualified\", \"won\"]}}",
        "{\"data\": {\"stage\": [{\"anything-but\": [\"lost\", \"spam-%d\"]}]}}",
        "{\"data\": {\"owner\": {\"team\": [{\"exists\": true}], \"level\": [{\"numeric\": [\">\", %d]}]}}}",
        "{\"$or\": [{\"data\": {\"score\": [%d]}}, {\"metadata\": {\"region\": [{\"prefix\": \"eu-\"}]}}]}",
    };

    private final UUID tenant = UUID.randomUUID();
    private final List<Subscription> filtered = new ArrayList<>();
    private final List<Subscription> unfiltered = new ArrayList<>();
    private SubscriptionIndex index;
    private SubscriptionIndex distinctIndex;
    private Event event;

    @Setup
    public void setUp() throws JsonProcessingException {
        List<Subscription> distinct = new ArrayList<>();
        for (int i = 0; i < SUBSCRIPTIONS; i++) {
            EventFilter filter = EventFilter.of(WireJson.reader().readTree(FILTERS[i % FILTERS.length]
                    .formatted(i % 100)));
            filtered.add(subscription(i, filter));
            unfiltered.add(subscription(i, null));
            distinct.add(subscription(i, EventFilter.of(WireJson.reader().readTree(FILTERS[i % FILTERS.length]
                    .formatted(i)))));
        }
        index = SubscriptionIndex.of(filtered);
        distinctIndex = SubscriptionIndex.of(distinct);
        event = Event.builder().id(EventIds.next()).type(LeadCreated.TYPE).tenant(tenant).source("crm-service")
                .subject("lead-42").time(Instant.now())
                .metadata(Map.of("region", "us-east"))
                .data((ObjectNode) WireJson.reader().readTree("""
                        {"email": "ann@acme7.example", "score": 64, "stage": "qualified",
                         "owner": {"team": "north", "level": 3}, "source": "web"}"""))
                .build();
    }

    private Subscription subscription(int i, EventFilter filter) {
        return new Subscription(UUID.randomUUID(), tenant, LeadCreated.TYPE, "service-" + i, DeliveryMode.PULL, null,
                "whsec_x", 5, PayloadFormat.EVENTBUS, true, SubscriptionStatus.ACTIVE, Instant.now(), null, null,
                filter, null);
    }

    @Benchmark
    public int perSubscription() {
        return countMatching(filtered);
    }

    @Benchmark
    public int indexed() {
        return index.matching(event).size();
    }

    @Benchmark
    public int indexedDistinctFilters() {
        return distinctIndex.matching(event).size();
    }

    @Benchmark
    public int withoutFilters() {
        return countMatching(unfiltered);
    }

    private int countMatching(List<Subscription> subscriptions) {
        int matched = 0;
        for (Subscription s : subscriptions) {
            if (s.matches(event)) {
                matched++;
            }
        }
        return matched;
    }
}

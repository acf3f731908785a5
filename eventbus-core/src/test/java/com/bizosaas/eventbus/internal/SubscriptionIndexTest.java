package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Grouping by tenant and type must find exactly the subscriptions {@link Subscription#matches} accepts. */
class SubscriptionIndexTest {
    private final UUID tenantA = UUID.randomUUID();
    private final UUID tenantB = UUID.randomUUID();

    @Test
    void findsWhatMatchingEachSubscriptionFinds() throws JsonProcessingException {
        EventFilter crmOnly = EventFilter.of(WireJson.reader().readTree("{\"source_service\": [\"crm\"]}"));
        List<Subscription> all = new ArrayList<>();
        for (UUID tenant : new UUID[] {tenantA, tenantB, null}) {
            for (String pattern : List.of("lead.created", "lead.*", "*", "deal.won")) {
                for (String service : List.of("billing", "crm")) {
                    all.add(subscription(tenant, pattern, service, null));
                    all.add(subscription(tenant, pattern, service, crmOnly));
                }
            }
        }
        SubscriptionIndex index = SubscriptionIndex.of(all);

        int matched = 0;
        for (UUID tenant : List.of(tenantA, tenantB, UUID.randomUUID())) {
            for (String type : List.of("lead.created", "lead.lost", "deal.won")) {
                for (String source : List.of("crm", "web")) {
                    for (List<String> targets : List.of(List.<String>of(), List.of("crm"))) {
                        Event event = TestEvents.event(tenant, type, Instant.now()).source(source)
                                .targetServices(targets).build();
                        List<Subscription> expected = all.stream().filter(s -> s.matches(event)).toList();
                        assertThat(index.matching(event)).containsExactlyInAnyOrderElementsOf(expected);
                        matched += expected.size();
                    }
                }
            }
        }
        assertThat(matched).isGreaterThan(100);
    }

    private static Subscription subscription(UUID tenant, String pattern, String service, EventFilter filter) {
        return new Subscription(UUID.randomUUID(), tenant, pattern, service, DeliveryMode.PULL, null, "whsec_x", 5,
                PayloadFormat.EVENTBUS, true, SubscriptionStatus.ACTIVE, Instant.now(), null, null, filter, null);
    }
}

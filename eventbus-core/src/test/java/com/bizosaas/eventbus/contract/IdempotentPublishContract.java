package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.IdempotencyKeyReusedException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.EventStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publishing through the engine on a given {@link EventStore}: a true repeat of an idempotency key
 * (or event id) gets the original's receipt, a different request under the same key is refused
 * with {@link IdempotencyKeyReusedException}. Extend once per store.
 */
public abstract class IdempotentPublishContract {
    private final UUID tenant = UUID.randomUUID();
    private EventBus bus;

    /** A working store; the bus closes it after each test. */
    protected abstract EventStore newStore();

    @BeforeEach
    void startBus() {
        bus = EventBus.builder().store(newStore()).build().start();
    }

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void aTrueRepeatOfAKeyGetsTheOriginalsReceipt() {
        PublishReceipt first = bus.publish(order("order-1", "{\"amount\": 10}").build());

        PublishReceipt again = bus.publish(order("order-1", "{\"amount\": 10}")
                .metadata(Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).build());

        assertThat(again.duplicate()).as("metadata such as a retry's trace context is not the payload").isTrue();
        assertThat(again.eventId()).isEqualTo(first.eventId());
        assertThat(again.position()).isEqualTo(first.position());
    }

    @Test
    void numbersInDataCompareByValue() {
        bus.publish(order("order-2", "{\"amount\": 10.50, \"items\": [{\"qty\": 2}]}").build());

        PublishReceipt again = bus.publish(order("order-2", "{\"items\": [{\"qty\": 2.0}], \"amount\": 10.5}").build());

        assertThat(again.duplicate()).isTrue();
    }

    @Test
    void reusingAKeyWithOtherDataIsRefusedAndStoresNothing() {
        PublishReceipt first = bus.publish(order("order-3", "{\"amount\": 10}").build());

        assertThatThrownBy(() -> bus.publish(order("order-3", "{\"amount\": 99}").build()))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> {
                    assertThat(e.code()).isEqualTo("idempotency_key_reused");
                    assertThat(e.field()).isEqualTo("idempotency_key");
                    assertThat(e.getMessage()).contains("order-3");
                });
        assertThat(bus.history(EventQuery.forTenant(tenant).build()).items())
                .extracting(Event::id).containsExactly(first.eventId());
    }

    @Test
    void reusingAKeyForAnotherTypeSubjectOrPriorityIsRefused() {
        bus.publish(order("order-4", "{}").build());

        assertThatThrownBy(() -> bus.publish(order("order-4", "{}").type("order.cancelled").build()))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> bus.publish(order("order-4", "{}").subject("order-99").build()))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThatThrownBy(() -> bus.publish(order("order-4", "{}").priority(Priority.HIGH).build()))
                .isInstanceOf(IdempotencyKeyReusedException.class);
    }

    @Test
    void reusingAnEventIdForAnotherEventIsRefused() {
        Event original = TestEvents.event(tenant).data(data("{\"amount\": 1}")).build();
        bus.publish(original);

        assertThat(bus.publish(original).duplicate()).isTrue();
        assertThatThrownBy(() -> bus.publish(original.toBuilder().data(data("{\"amount\": 2}")).build()))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class,
                        e -> assertThat(e.field()).isEqualTo("event_id"));
    }

    @Test
    void aBatchNamesTheEventThatReusedAKey() {
        bus.publish(order("order-5", "{\"amount\": 10}").build());

        assertThatThrownBy(() -> bus.publishAll(List.of(order("order-6", "{}").build(),
                order("order-5", "{\"amount\": 11}").build())))
                .isInstanceOfSatisfying(IdempotencyKeyReusedException.class, e -> assertThat(e.index()).isEqualTo(1));
    }

    private Event.Builder order(String key, String json) {
        return Event.builder().type("order.placed").tenant(tenant).source("shop").subject(key + "-subject")
                .idempotencyKey(key).data(data(json));
    }

    private static ObjectNode data(String json) {
        try {
            return (ObjectNode) WireJson.reader().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}

package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventData;
import com.bizosaas.eventbus.model.EventDataMappingException;
import com.bizosaas.eventbus.model.Priority;
import com.bizosaas.eventbus.model.WireJson;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The typed subscribe maps the data before calling the handler, and turns data that does not fit
 * into a failure of the delivery (which the pull loop nacks, see SubscribeIT) naming the event and type.
 */
class TypedSubscribeTest {
    record LeadCreated(String leadId, int score) {
    }

    /** A client whose only working method is the untyped subscribe, which hands over its handler. */
    private static EventBusClient capturing(AtomicReference<EventHandler> captured) {
        InvocationHandler calls = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getName().equals("subscribe") && args.length == 3 && args[2] instanceof EventHandler h) {
                captured.set(h);
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (EventBusClient) Proxy.newProxyInstance(EventBusClient.class.getClassLoader(),
                new Class<?>[] {EventBusClient.class}, calls);
    }

    private static ReceivedEvent received(Map<String, Object> data) {
        return new ReceivedEvent(Event.builder().id(UUID.randomUUID()).type("lead.created")
                .tenant(UUID.randomUUID()).source("crm").time(Instant.now()).data(data).position(1).build(), 1);
    }

    @Test
    void theHandlerGetsTheDataMappedOntoItsType() throws Exception {
        AtomicReference<EventHandler> pullHandler = new AtomicReference<>();
        AtomicReference<LeadCreated> got = new AtomicReference<>();
        capturing(pullHandler).subscribe("lead.created", LeadCreated.class, (received, lead) -> got.set(lead));

        pullHandler.get().handle(received(Map.of("leadId", "lead-1", "score", 87, "extra", true)));

        assertThat(got).hasValue(new LeadCreated("lead-1", 87));
    }

    @Test
    void dataThatDoesNotFitFailsTheDeliveryWithoutCallingTheHandler() {
        AtomicReference<EventHandler> pullHandler = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        capturing(pullHandler).subscribe("lead.created", LeadCreated.class, (received, lead) -> calls.incrementAndGet());
        ReceivedEvent unfitting = received(Map.of("score", "high"));

        assertThatThrownBy(() -> pullHandler.get().handle(unfitting))
                .isInstanceOf(EventDataMappingException.class)
                .hasMessageContaining("data of event " + unfitting.event().id() + " (lead.created) does not fit "
                        + LeadCreated.class.getName());
        assertThat(calls).hasValue(0);
    }
}

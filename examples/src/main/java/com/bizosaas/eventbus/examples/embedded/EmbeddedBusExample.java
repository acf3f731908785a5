package com.bizosaas.eventbus.examples.embedded;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The bus embedded in a plain Java service, as README's "Embedding" section shows it: an in-memory
 * bus (swap in the PostgreSQL store and a broker with the builder), a typed handler, a record as
 * the event's data. Exits 0 once the handler has seen the lead, 1 if it does not within 10 s.
 */
public final class EmbeddedBusExample {
    private EmbeddedBusExample() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run() ? 0 : 1);
    }

    /** True once the handler has seen the published lead; false if it has not within 10 s. */
    static boolean run() throws InterruptedException {
        UUID tenantId = UUID.randomUUID();
        CountDownLatch handled = new CountDownLatch(1);
        // README: Embedding, plain Java (keep in sync)
        try (EventBus bus = EventBus.builder().build().start()) {
            bus.on("lead.*", "crm-service", LeadCreated.class, (event, lead) -> {
                System.out.println(event.eventType() + " " + lead.leadId() + " scored " + lead.score());
                handled.countDown();
            });
            bus.publish(Event.builder().type(EventTypes.LEAD_CREATED).tenant(tenantId).source("crm-service")
                    .subject("lead-123").data(new LeadCreated("lead-123", "ada@example.com", 87)).build());
            // end README
            return handled.await(10, TimeUnit.SECONDS);
        }
    }
}

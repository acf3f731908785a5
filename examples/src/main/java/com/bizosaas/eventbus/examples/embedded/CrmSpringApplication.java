package com.bizosaas.eventbus.examples.embedded;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventTypes;
import com.bizosaas.eventbus.spring.EventBusListener;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * A CRM service on Spring Boot with the bus auto-configured by eventbus-spring-boot-starter, as
 * README's "Embedding" section shows it. Without {@code eventbus.*} properties the bus is in
 * memory; run with {@code --eventbus.store=postgres --eventbus.broker.type=redis} (and
 * {@code spring.datasource.*}) for the durable one. Publishes one lead, exits 0 once the listener
 * has scored it.
 */
@SpringBootApplication
public class CrmSpringApplication {
    // README: Embedding, Spring Boot (keep in sync)
    @Component
    static class LeadScoring {
        final CountDownLatch scored = new CountDownLatch(1);

        @EventBusListener(eventType = "lead.*", service = "crm-service", maxAttempts = 5)
        void onLead(Event event, LeadCreated lead) {
            System.out.println(event.eventType() + " " + lead.leadId() + " scored " + lead.score());
            scored.countDown();
        }
    }

    @Bean
    ApplicationRunner publishALead(EventBus bus) {
        return args -> bus.publish(Event.builder().type(EventTypes.LEAD_CREATED).tenant(UUID.randomUUID())
                .source("crm-service").subject("lead-123")
                .data(new LeadCreated("lead-123", "ada@example.com", 87)).build());
    }
    // end README

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args) ? 0 : 1);
    }

    /** Runs the application until the lead is scored (true) or 10 s have passed (false), then closes it. */
    static boolean run(String... args) throws InterruptedException {
        try (ConfigurableApplicationContext context = SpringApplication.run(CrmSpringApplication.class, args)) {
            return context.getBean(LeadScoring.class).scored.await(10, TimeUnit.SECONDS);
        }
    }
}

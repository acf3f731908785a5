package com.bizosaas.eventbus.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.HealthStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * A real Spring Boot application (every auto-configuration on the classpath) with the bus on the
 * application's DataSource (PostgreSQL) and Redis: typed listeners, dead letters for data that
 * does not fit, listener attributes, health, metrics and shutdown with the context.
 */
class EventBusAutoConfigurationIT {
    @RegisterExtension
    static final LocalServices SERVICES = new LocalServices();

    private static final Duration WAIT = Duration.ofSeconds(20);

    record LeadCreated(String leadId, int score) {
    }

    /** A CRM service's listeners, as an application would write them. */
    static class CrmListeners {
        final List<LeadCreated> leads = new CopyOnWriteArrayList<>();
        final List<String> withEvent = new CopyOnWriteArrayList<>();
        final List<String> types = new CopyOnWriteArrayList<>();
        final AtomicInteger scored = new AtomicInteger();

        @EventBusListener(eventType = "lead.created", service = "crm")
        void onLead(LeadCreated lead) {
            leads.add(lead);
        }

        @EventBusListener(eventType = "lead.created", service = "crm-audit", ordered = false, maxAttempts = 5,
                concurrency = 2)
        void onLeadWithEvent(Event event, LeadCreated lead) {
            withEvent.add(event.subject() + ":" + lead.leadId());
        }

        @EventBusListener(eventType = "lead.*")
        void onAnyLead(Event event) {
            types.add(event.eventType());
        }

        @EventBusListener(eventType = "lead.scored", service = "scoring")
        void onScored(LeadCreated lead) {
            scored.incrementAndGet();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class CrmApplication {
        @Bean
        CrmListeners crmListeners() {
            return new CrmListeners();
        }
    }

    private static ConfigurableApplicationContext context;
    private static EventBus bus;
    private static CrmListeners listeners;
    private final UUID tenant = UUID.randomUUID();

    @BeforeAll
    static void startApplication() {
        context = start();
        bus = context.getBean(EventBus.class);
        listeners = context.getBean(CrmListeners.class);
    }

    @AfterAll
    static void stopApplication() {
        if (context != null) {
            context.close();
        }
    }

    private static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(CrmApplication.class).web(WebApplicationType.NONE)
                .properties(SERVICES.properties("spring.application.name=crm-app", "eventbus.max-retry-attempts=4"))
                .run();
    }

    private Event.Builder event(String type) {
        return Event.builder().type(type).tenant(tenant).source("crm");
    }

    @Test
    void listenersReceiveTheEventsDataAsTheirParametersType() {
        bus.publish(event("lead.created").subject("lead-1").data(new LeadCreated("lead-1", 87)).build());
        bus.publish(event("lead.qualified").subject("lead-1").data(Map.of("leadId", "lead-1")).build());

        Await.until(WAIT, () -> listeners.leads.contains(new LeadCreated("lead-1", 87))
                && listeners.withEvent.contains("lead-1:lead-1")
                && listeners.types.containsAll(List.of("lead.created", "lead.qualified")), "every listener got its events");
    }

    @Test
    void theAnnotationsAttributesSetTheSubscriptionAndTheServiceDefaultsToTheApplicationName() {
        assertThat(bus.subscriptions()).extracting(Subscription::serviceName, Subscription::eventPattern,
                        Subscription::maxAttempts, Subscription::ordered)
                .contains(org.assertj.core.groups.Tuple.tuple("crm", "lead.created", 4, true),
                        org.assertj.core.groups.Tuple.tuple("crm-audit", "lead.created", 5, false),
                        org.assertj.core.groups.Tuple.tuple("crm-app", "lead.*", 4, true));
    }

    @Test
    void dataThatDoesNotFitTheListenersTypeIsADeadLetterWithTheMappingMessage() {
        UUID id = bus.publish(event("lead.scored").data(Map.of("score", "very high")).build()).eventId();

        UUID subscription = bus.subscriptions().stream().filter(s -> s.serviceName().equals("scoring"))
                .findFirst().orElseThrow().id();
        DeadLetterQuery query = new DeadLetterQuery(tenant, subscription, null, 0, 10);
        Await.until(WAIT, () -> !bus.deadLetters(query).items().isEmpty(), "the unfitting event is a dead letter");
        Delivery dead = bus.deadLetters(query).items().get(0);
        assertThat(dead.eventId()).isEqualTo(id);
        assertThat(dead.attemptLog()).singleElement().satisfies(a -> assertThat(a.error())
                .contains("does not fit " + LeadCreated.class.getName(), "very high"));
        assertThat(listeners.scored).hasValue(0);
    }

    @Test
    void actuatorHasAHealthIndicatorPerComponent() {
        CompositeHealthContributor eventbus = (CompositeHealthContributor) context
                .getBean(HealthContributorRegistry.class).getContributor("eventbus");
        Health store = ((HealthIndicator) eventbus.getContributor("event_store")).health();
        Health redis = ((HealthIndicator) eventbus.getContributor("redis")).health();

        assertThat(store.getStatus()).isEqualTo(Status.UP);
        assertThat(store.getDetails()).containsEntry("database", "the application's data source").containsKey("pool");
        assertThat(redis.getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void theEnginesMetricsAreOnTheApplicationsRegistry() {
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        double before = registry.get("eventbus.events.published").functionCounter().count();

        bus.publish(event("lead.converted").build());
        bus.publish(event("lead.converted").build());

        assertThat(registry.get("eventbus.events.published").functionCounter().count()).isEqualTo(before + 2);
        assertThat(registry.get("eventbus.subscriptions.active").gauge().value()).isGreaterThanOrEqualTo(4);
        assertThat(registry.get("eventbus.dead.letters").gauge().value()).isNotNegative();
    }

    @Test
    void closingTheContextStopsTheBusAndKeepsWhatWasPublished() {
        ConfigurableApplicationContext own = start();
        EventBus ownBus = own.getBean(EventBus.class);
        EventBusLifecycle lifecycle = own.getBean(EventBusLifecycle.class);
        assertThat(lifecycle.isRunning()).isTrue();

        own.close();

        assertThat(lifecycle.isRunning()).isFalse();
        assertThat(ownBus.health().get("redis").status()).as("the broker was closed").isEqualTo(HealthStatus.UNHEALTHY);
        assertThatThrownBy(() -> ownBus.publish(event("lead.created").build())).isInstanceOf(RuntimeException.class);
    }
}

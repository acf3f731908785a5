package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures an {@link EventBus} from the {@code eventbus.*} properties (unless the
 * application defines its own), on the application's {@code DataSource} when the store is
 * PostgreSQL and there is one; registers {@link EventBusListener} methods; starts the bus with the
 * context and closes it on shutdown; and, when Actuator and Micrometer are present, adds an
 * {@code eventbus} health contributor with one indicator per component and the engine's metrics.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration"})
@EnableConfigurationProperties(EventBusProperties.class)
public class EventBusAutoConfiguration {

    /** The bus made from the properties, and its lifecycle: a bus the application defines is its own to start and close. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(EventBus.class)
    static class Bus {
        /** Not started here: {@link EventBusLifecycle} starts it once every listener is registered, and closes it. */
        @Bean(destroyMethod = "")
        EventBus eventBus(EventBusProperties properties, ObjectProvider<DataSource> dataSource) {
            return new EventBusFactory(properties).create(dataSource.getIfUnique());
        }

        @Bean
        EventBusLifecycle eventBusLifecycle(EventBus eventBus) {
            return new EventBusLifecycle(eventBus);
        }
    }

    @Bean
    static EventBusListenerRegistrar eventBusListenerRegistrar(ObjectProvider<EventBus> bus, Environment environment) {
        return new EventBusListenerRegistrar(bus, environment);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(CompositeHealthContributor.class)
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "eventbusHealthContributor")
        CompositeHealthContributor eventbusHealthContributor(EventBus eventBus) {
            return EventBusHealth.of(eventBus);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    static class Metrics {
        @Bean
        MeterBinder eventBusMetrics(EventBus eventBus) {
            return new EventBusMetrics(eventBus);
        }
    }
}

package com.bizosaas.eventbus.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a bean method an in-process subscriber of the auto-configured bus. The method takes the
 * event's data mapped onto its parameter's type ({@code void on(LeadCreated lead)}), the {@link
 * com.bizosaas.eventbus.model.Event} ({@code void on(Event event)}), or both in that order ({@code
 * void on(Event event, LeadCreated lead)}). Returning normally marks the delivery done; throwing
 * schedules a retry, and data that does not fit the type is a dead letter at once.
 *
 * <pre>{@code
 * @EventBusListener(eventType = "lead.*", service = "crm")
 * void onLead(Event event, LeadCreated lead) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface EventBusListener {

    /** Type pattern: {@code lead.created}, {@code lead.*} or {@code *}; {@code ${...}} placeholders are resolved. */
    String eventType();

    /** The subscribing service; defaults to {@code spring.application.name}. */
    String service() default "";

    /** Keep per (tenant, subject) order; {@code false} lets later events overtake one waiting for a retry. */
    boolean ordered() default true;

    /** At most this many calls of the method at once; 0 for no limit beyond the bus's delivery threads. */
    int concurrency() default 0;

    /** Attempts before an event becomes a dead letter; 0 for {@code eventbus.max-retry-attempts}. */
    int maxAttempts() default 0;
}

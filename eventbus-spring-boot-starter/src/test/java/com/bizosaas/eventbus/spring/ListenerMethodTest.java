package com.bizosaas.eventbus.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.Event;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Listener methods on the in-memory bus: signatures, and the concurrency attribute as an upper bound. */
class ListenerMethodTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final EventBus bus = EventBus.builder().build().start();

    @AfterEach
    void close() {
        bus.close();
    }

    record Lead(String leadId) {
    }

    static class Listeners {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        final CountDownLatch release = new CountDownLatch(1);

        @EventBusListener(eventType = "lead.created", service = "crm", ordered = false, concurrency = 2)
        void slow(Lead lead) throws InterruptedException {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                inFlight.decrementAndGet();
                done.incrementAndGet();
            }
        }

        @EventBusListener(eventType = "lead.created", service = "x")
        void noParameters() {
        }

        @EventBusListener(eventType = "lead.created", service = "x")
        void eventSecond(Lead lead, Event event) {
        }

        @EventBusListener(eventType = "lead.created", service = "x", maxAttempts = 500)
        void tooManyAttempts(Event event) {
        }
    }

    private static ListenerMethod listener(Listeners bean, String name) {
        Method method = java.util.Arrays.stream(Listeners.class.getDeclaredMethods())
                .filter(m -> m.getName().equals(name)).findFirst().orElseThrow();
        EventBusListener annotation = method.getAnnotation(EventBusListener.class);
        return new ListenerMethod(bean, method, annotation.eventType(), annotation.service(), annotation);
    }

    @Test
    void concurrencyBoundsTheCallsOfTheMethodInFlightAtOnce() {
        Listeners bean = new Listeners();
        listener(bean, "slow").register(bus);
        UUID tenant = UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            bus.publish(Event.builder().type("lead.created").tenant(tenant).subject("lead-" + i)
                    .data(new Lead("lead-" + i)).build());
        }

        Await.until(WAIT, () -> bean.inFlight.get() >= 2, "two calls in flight");
        bean.release.countDown();
        Await.until(WAIT, () -> bean.done.get() == 12, "every event handled");
        assertThat(bean.mostAtOnce).hasValue(2);
    }

    @Test
    void aMethodWithoutTheDataOrWithTheEventSecondIsRefusedNamingIt() {
        Listeners bean = new Listeners();
        assertThatThrownBy(() -> listener(bean, "noParameters")).hasMessageContaining("Listeners.noParameters")
                .hasMessageContaining("(Event), (DataType) or (Event, DataType)");
        assertThatThrownBy(() -> listener(bean, "eventSecond")).hasMessageContaining("Listeners.eventSecond");
    }

    @Test
    void maxAttemptsOutOfRangeFailsTheRegistrationNamingTheMethod() {
        assertThatThrownBy(() -> listener(new Listeners(), "tooManyAttempts").register(bus))
                .hasMessageContaining("Listeners.tooManyAttempts").hasMessageContaining("got 500");
    }
}

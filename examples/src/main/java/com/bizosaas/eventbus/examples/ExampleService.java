package com.bizosaas.eventbus.examples;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.client.EventHandler;
import com.bizosaas.eventbus.client.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every example service shares: one {@link EventBusClient} and the subscriptions it runs.
 * Subscriptions span every tenant, as a platform service's do, and are reused across restarts.
 */
abstract class ExampleService implements AutoCloseable {
    protected final EventBusClient bus;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    protected ExampleService(EventBusClient bus) {
        this.bus = bus;
    }

    /** Subscribes the service's handlers; returns this for chaining. */
    abstract ExampleService start();

    protected void on(String eventType, EventHandler handler) {
        subscriptions.add(bus.subscribe(eventType, handler));
    }

    /** Stops consuming after the handlers in progress finish; the client stays open. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
    }
}

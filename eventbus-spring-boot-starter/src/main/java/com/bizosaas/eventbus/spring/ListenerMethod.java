package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.EventHandler;
import com.bizosaas.eventbus.InProcessOptions;
import com.bizosaas.eventbus.Subscriptions.Registration;
import com.bizosaas.eventbus.model.Event;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.Semaphore;
import org.springframework.util.ReflectionUtils;

/**
 * One {@link EventBusListener} method of one bean, checked when found and registered with the bus
 * as a typed (or plain) in-process handler. Thread-safe.
 */
final class ListenerMethod {
    private final Object bean;
    private final Method method;
    private final String eventType;
    private final String service;
    private final EventBusListener settings;
    private final Class<?> dataType;
    private final boolean takesEvent;

    ListenerMethod(Object bean, Method method, String eventType, String service, EventBusListener settings) {
        this.bean = bean;
        this.method = method;
        this.eventType = eventType;
        this.service = service;
        this.settings = settings;
        Class<?>[] parameters = method.getParameterTypes();
        boolean valid = parameters.length == 1 || (parameters.length == 2 && parameters[0] == Event.class);
        if (!valid || (parameters.length == 2 && parameters[1] == Event.class)) {
            throw new IllegalStateException("@EventBusListener method " + describe()
                    + " must take (Event), (DataType) or (Event, DataType)");
        }
        if (service.isBlank()) {
            throw new IllegalStateException("@EventBusListener method " + describe()
                    + " names no service: set service or spring.application.name");
        }
        if (settings.concurrency() < 0) {
            throw new IllegalStateException("@EventBusListener method " + describe()
                    + " has concurrency " + settings.concurrency() + "; it must be 0 (no limit) or more");
        }
        this.takesEvent = parameters[0] == Event.class;
        this.dataType = parameters.length == 2 ? parameters[1] : takesEvent ? null : parameters[0];
        ReflectionUtils.makeAccessible(method);
    }

    Registration register(EventBus bus) {
        InProcessOptions options;
        try {
            options = new InProcessOptions(settings.maxAttempts(), settings.ordered());
        } catch (RuntimeException e) {
            throw new IllegalStateException("@EventBusListener method " + describe() + ": " + e.getMessage(), e);
        }
        EventHandler handler = limited(dataType == null
                ? event -> invoke(event)
                : event -> {
                    Object data = event.dataAs(dataType);
                    invoke(takesEvent ? new Object[] {event, data} : new Object[] {data});
                });
        return bus.on(eventType, service, options, handler);
    }

    private EventHandler limited(EventHandler handler) {
        if (settings.concurrency() == 0) {
            return handler;
        }
        Semaphore slots = new Semaphore(settings.concurrency());
        return event -> {
            slots.acquire();
            try {
                handler.handle(event);
            } finally {
                slots.release();
            }
        };
    }

    private void invoke(Object... args) throws Exception {
        try {
            method.invoke(bean, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw (Error) cause;
        }
    }

    private String describe() {
        return method.getDeclaringClass().getName() + "." + method.getName();
    }
}

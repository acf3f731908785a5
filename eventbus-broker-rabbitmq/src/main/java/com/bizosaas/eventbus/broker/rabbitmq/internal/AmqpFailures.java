package com.bizosaas.eventbus.broker.rabbitmq.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.rabbitmq.client.ShutdownSignalException;

/** Turns amqp-client exceptions into the bus's {@link UnavailableException}, keeping the broker's reason. */
final class AmqpFailures {

    private AmqpFailures() {
    }

    /** {@code action} completes "RabbitMQ could not ...", e.g. {@code "declare queue q"}. */
    static UnavailableException unavailable(String action, Throwable cause) {
        return new UnavailableException("RabbitMQ could not " + action + ": " + reason(cause), cause);
    }

    /** The broker's own words when it closed a channel or connection, else the exception itself. */
    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException signal) {
                return signal.getMessage();
            }
        }
        return String.valueOf(cause);
    }
}

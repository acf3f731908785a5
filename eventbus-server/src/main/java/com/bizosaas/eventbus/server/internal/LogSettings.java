package com.bizosaas.eventbus.server.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies EVENTBUS_DEBUG to logback: debug logging for the bus's own packages (and Javalin's),
 * never for Jetty's internals. EVENTBUS_LOG_FORMAT is read by logback.xml itself.
 */
public final class LogSettings {
    private LogSettings() {
    }

    public static void apply(boolean debug) {
        if (!debug) {
            return;
        }
        for (String name : new String[] {"com.bizosaas", "io.javalin"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(Level.DEBUG);
            }
        }
    }
}

package com.bizosaas.eventbus.routing;

import com.bizosaas.eventbus.config.EnvReader;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The name ({@code EVENTBUS_NAMESPACE}, default {@code eventbus}) of everything one deployment
 * creates on a shared broker: the topic ({@code <name>.events}) and the dispatch group
 * ({@code <name>-dispatch}), and the default Redis stream prefix ({@code <name>:}) and RabbitMQ
 * exchange prefix ({@code <name>}), so two deployments on one broker never consume each other's
 * events. The default names are the ones the bus used before namespaces existed. Immutable.
 */
public record Namespace(String name) {
    public static final String VARIABLE = "EVENTBUS_NAMESPACE";
    // Valid inside a Kafka topic and group, a Redis key and a RabbitMQ exchange name alike. Before DEFAULT, which uses it.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,47}");
    public static final Namespace DEFAULT = new Namespace("eventbus");

    public Namespace {
        if (name == null || !NAME.matcher(name).matches()) {
            throw EnvReader.invalid(VARIABLE, "must be 1-48 lower-case letters, digits, '-' or '_',"
                    + " starting with a letter or digit", name);
        }
    }

    /** Reads {@value #VARIABLE} from {@code env}; unset or blank is {@link #DEFAULT}. */
    public static Namespace fromEnv(Map<String, String> env) {
        String value = EnvReader.of(env).text(VARIABLE);
        return value == null ? DEFAULT : new Namespace(value);
    }

    /** The broker topic the deployment's events travel on. */
    public String topic() {
        return name + ".events";
    }

    /** The consumer group every instance of the deployment dispatches in. */
    public String dispatchGroup() {
        return name + "-dispatch";
    }
}

package com.bizosaas.eventbus.broker.rabbitmq.internal;

import java.nio.charset.StandardCharsets;

/**
 * Names of what the adapter declares, all under one prefix ({@code EVENTBUS_RABBITMQ_EXCHANGE}):
 * a topic's exchange is {@code <prefix>.<topic>}, a group's queue {@code <exchange>.<group>}, and
 * their dead-letter exchange and queues append {@code .dead-letter}. Immutable.
 */
public record TopologyNames(String prefix) {
    /** AMQP short strings, which carry exchange and queue names, hold at most 255 bytes. */
    private static final int MAX_NAME_BYTES = 255;

    /** The topic exchange messages of {@code topic} are published to. */
    public String exchange(String topic) {
        return checked(prefix + "." + topic);
    }

    /** The quorum queue shared by the members of {@code group}. */
    public String queue(String topic, String group) {
        return checked(exchange(topic) + "." + group);
    }

    /** The direct exchange a topic's group queues dead-letter into. */
    public String deadLetterExchange(String topic) {
        return checked(exchange(topic) + ".dead-letter");
    }

    /** Where messages {@code group} gave up on end, routed by the group queue's name. */
    public String deadLetterQueue(String topic, String group) {
        return checked(queue(topic, group) + ".dead-letter");
    }

    private static String checked(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("RabbitMQ names are at most " + MAX_NAME_BYTES
                    + " bytes; shorten the topic or group of " + name);
        }
        return name;
    }
}

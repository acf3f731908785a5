package com.bizosaas.eventbus.spi;

import java.time.Duration;

/**
 * How to join a consumer group.
 *
 * @param topic          the topic to consume
 * @param group          consumer group: each message goes to one live member of the group
 * @param bindingPattern routing-key pattern for brokers that bind by pattern ({@code #} = all)
 * @param concurrency    handler threads for this member (messages with one key stay in order)
 * @param redeliverAfter how long a message may stay unacknowledged by a dead member before
 *                       it is handed to another (brokers that detect dead consumers themselves
 *                       may ignore it)
 */
public record ConsumerSpec(String topic, String group, String bindingPattern, int concurrency,
                           Duration redeliverAfter) {
    public ConsumerSpec {
        if (topic == null || group == null) {
            throw new IllegalArgumentException("topic and group are required");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1; got " + concurrency);
        }
        bindingPattern = bindingPattern == null ? "#" : bindingPattern;
        redeliverAfter = redeliverAfter == null ? Duration.ofSeconds(30) : redeliverAfter;
    }

    public static ConsumerSpec of(String topic, String group) {
        return new ConsumerSpec(topic, group, "#", 1, null);
    }
}

package com.bizosaas.eventbus.broker.rabbitmq.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopologyNamesTest {
    private final TopologyNames names = new TopologyNames("eventbus");

    @Test
    void everyNameDerivesFromThePrefixTopicAndGroup() {
        assertThat(names.exchange("eventbus.events")).isEqualTo("eventbus.eventbus.events");
        assertThat(names.queue("eventbus.events", "dispatchers")).isEqualTo("eventbus.eventbus.events.dispatchers");
        assertThat(names.deadLetterExchange("eventbus.events")).isEqualTo("eventbus.eventbus.events.dead-letter");
        assertThat(names.deadLetterQueue("eventbus.events", "dispatchers"))
                .isEqualTo("eventbus.eventbus.events.dispatchers.dead-letter");
    }

    @Test
    void aNameLongerThanAmqpAllowsIsRejectedBeforeReachingTheBroker() {
        String longGroup = "g".repeat(250);

        assertThatThrownBy(() -> names.queue("events", longGroup)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("255 bytes");
    }
}

package com.bizosaas.eventbus.broker.kafka;

import com.bizosaas.eventbus.contract.MessageBrokerContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The broker contract against the real Kafka. */
class KafkaBrokerIT extends MessageBrokerContract {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Override
    protected MessageBroker newBroker() {
        return KafkaBroker.create(KAFKA.config().build());
    }

    @BeforeEach
    void deleteTheTopicAfterTheTest() {
        KAFKA.deleteAfterTest(topic);
    }
}

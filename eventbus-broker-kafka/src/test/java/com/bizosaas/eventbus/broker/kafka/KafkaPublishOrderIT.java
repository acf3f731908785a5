package com.bizosaas.eventbus.broker.kafka;

import com.bizosaas.eventbus.contract.PublishOrderContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaPublishOrderIT extends PublishOrderContract {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Override
    protected MessageBroker newBroker() {
        return KafkaBroker.create(KAFKA.config().build());
    }

    @Override
    protected String topic() {
        return KAFKA.topic("order");
    }
}

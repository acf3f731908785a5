package com.bizosaas.eventbus.broker.rabbitmq;

import com.bizosaas.eventbus.contract.PublishOrderContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

class RabbitMqPublishOrderIT extends PublishOrderContract {
    @RegisterExtension
    static final RabbitMqExtension RABBITMQ = new RabbitMqExtension();

    @Override
    protected MessageBroker newBroker() {
        return RABBITMQ.broker();
    }
}

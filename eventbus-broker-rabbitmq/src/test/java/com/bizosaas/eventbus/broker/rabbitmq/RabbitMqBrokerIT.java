package com.bizosaas.eventbus.broker.rabbitmq;

import com.bizosaas.eventbus.contract.MessageBrokerContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared broker contract, against the real RabbitMQ. */
class RabbitMqBrokerIT extends MessageBrokerContract {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    @Override
    protected MessageBroker newBroker() {
        return RabbitMqBroker.create(RABBIT.config().build());
    }
}

package com.bizosaas.eventbus.broker.rabbitmq;

import com.bizosaas.eventbus.broker.rabbitmq.internal.TopologyNames;
import com.bizosaas.eventbus.contract.BrokerLossContract;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine on the real RabbitMQ loses no acknowledged event when its dispatch queue is deleted with a backlog. */
class RabbitMqBrokerLossIT extends BrokerLossContract {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    @Override
    protected MessageBroker newBroker() {
        return RabbitMqBroker.create(RABBIT.config().build());
    }

    @Override
    protected long backlog(Namespace namespace) {
        return RABBIT.readyMessages(dispatchQueue(namespace));
    }

    @Override
    protected void deleteWhatTheDispatchGroupConsumes(Namespace namespace) throws Exception {
        try (Channel admin = RABBIT.adminChannel()) {
            admin.queueDelete(dispatchQueue(namespace));
        }
    }

    private static String dispatchQueue(Namespace namespace) {
        return new TopologyNames(RABBIT.config().build().exchange()).queue(namespace.topic(), namespace.dispatchGroup());
    }
}

package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.MessageBrokerContract;
import com.bizosaas.eventbus.spi.MessageBroker;

class InMemoryMessageBrokerTest extends MessageBrokerContract {
    @Override
    protected MessageBroker newBroker() {
        return new InMemoryMessageBroker();
    }
}

package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.PublishOrderContract;
import com.bizosaas.eventbus.spi.MessageBroker;

class InMemoryPublishOrderTest extends PublishOrderContract {
    @Override
    protected MessageBroker newBroker() {
        return new InMemoryMessageBroker();
    }
}

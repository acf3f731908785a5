package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.IdempotentPublishContract;
import com.bizosaas.eventbus.spi.EventStore;

class InMemoryIdempotentPublishTest extends IdempotentPublishContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}

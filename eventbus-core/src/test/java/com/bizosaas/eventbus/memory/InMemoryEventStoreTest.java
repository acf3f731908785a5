package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.EventStoreContract;
import com.bizosaas.eventbus.spi.EventStore;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}

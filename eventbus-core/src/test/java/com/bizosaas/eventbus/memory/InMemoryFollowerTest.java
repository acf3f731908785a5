package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.FollowerContract;
import com.bizosaas.eventbus.spi.EventStore;

class InMemoryFollowerTest extends FollowerContract {
    @Override
    protected EventStore newStore() {
        return new InMemoryEventStore();
    }
}

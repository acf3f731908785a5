package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.CoordinationStoreContract;
import com.bizosaas.eventbus.spi.CoordinationStore;

class InMemoryCoordinationStoreTest extends CoordinationStoreContract {
    @Override
    protected CoordinationStore newStore() {
        return new InMemoryCoordinationStore();
    }
}

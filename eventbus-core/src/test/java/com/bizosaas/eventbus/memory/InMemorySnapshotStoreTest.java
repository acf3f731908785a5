package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.SnapshotStoreContract;
import com.bizosaas.eventbus.spi.SnapshotStore;

class InMemorySnapshotStoreTest extends SnapshotStoreContract {
    @Override
    protected SnapshotStore newStore() {
        return new InMemorySnapshotStore();
    }
}

package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.DeliveryStoreContract;
import com.bizosaas.eventbus.spi.DeliveryStore;

class InMemoryDeliveryStoreTest extends DeliveryStoreContract {
    @Override
    protected DeliveryStore newStore() {
        return new InMemoryDeliveryStore();
    }
}

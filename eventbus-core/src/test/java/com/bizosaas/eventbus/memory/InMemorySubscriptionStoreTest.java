package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.SubscriptionStoreContract;
import com.bizosaas.eventbus.spi.SubscriptionStore;

class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {
    @Override
    protected SubscriptionStore newStore() {
        return new InMemorySubscriptionStore();
    }
}

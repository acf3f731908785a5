package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.FilteredDeliveryContract;

class InMemoryFilteredDeliveryTest extends FilteredDeliveryContract {
    @Override
    protected EventBus newBus() {
        return EventBus.builder().build().start();
    }
}

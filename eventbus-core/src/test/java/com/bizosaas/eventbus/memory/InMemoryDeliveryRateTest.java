package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.DeliveryRateContract;

class InMemoryDeliveryRateTest extends DeliveryRateContract {
    @Override
    protected EventBus newBus() {
        return EventBus.builder().build().start();
    }
}

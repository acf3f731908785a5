package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.ScheduledPublishContract;

class InMemoryScheduledPublishTest extends ScheduledPublishContract {
    @Override
    protected EventBus newBus() {
        return EventBus.builder().build().start();
    }
}

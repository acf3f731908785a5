package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.CircuitBreakerContract;

class InMemoryCircuitBreakerTest extends CircuitBreakerContract {
    @Override
    protected EventBus newBus(EventBus.Builder builder) {
        return builder.build().start();
    }
}

package com.bizosaas.eventbus.agents;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.AgentCoordinationContract;
import com.bizosaas.eventbus.memory.InMemoryCoordinationStore;
import com.bizosaas.eventbus.spi.CoordinationStore;

/** The coordinator on the embedded bus and store. */
class InMemoryAgentCoordinationTest extends AgentCoordinationContract {
    @Override
    protected EventBus.Builder busBuilder() {
        return EventBus.builder();
    }

    @Override
    protected CoordinationStore newCoordinationStore() {
        return new InMemoryCoordinationStore();
    }
}

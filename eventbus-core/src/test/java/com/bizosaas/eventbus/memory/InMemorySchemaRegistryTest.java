package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.SchemaRegistryContract;
import com.bizosaas.eventbus.spi.SchemaStore;

class InMemorySchemaRegistryTest extends SchemaRegistryContract {
    @Override
    protected SchemaStore newStore() {
        return new InMemorySchemaStore();
    }
}

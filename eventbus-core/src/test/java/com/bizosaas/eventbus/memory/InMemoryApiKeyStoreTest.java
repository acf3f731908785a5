package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.ApiKeyStoreContract;
import com.bizosaas.eventbus.spi.ApiKeyStore;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContract {
    @Override
    protected ApiKeyStore newStore() {
        return new InMemoryApiKeyStore();
    }
}

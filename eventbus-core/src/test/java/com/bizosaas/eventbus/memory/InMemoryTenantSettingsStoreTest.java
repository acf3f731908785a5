package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.contract.TenantSettingsStoreContract;
import com.bizosaas.eventbus.spi.TenantSettingsStore;

class InMemoryTenantSettingsStoreTest extends TenantSettingsStoreContract {
    @Override
    protected TenantSettingsStore newStore() {
        return new InMemoryTenantSettingsStore();
    }
}

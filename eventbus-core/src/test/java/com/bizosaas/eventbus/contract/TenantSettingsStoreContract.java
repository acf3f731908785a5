package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.WrappedDataKey;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TenantSettingsStore} must show. Extend it once per implementation;
 * {@link #newStore()} is called before each test and closed after it. Tests only look at tenants
 * they made up, so a shared database is fine.
 */
public abstract class TenantSettingsStoreContract {
    protected TenantSettingsStore store;

    protected abstract TenantSettingsStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aRateLimitOverrideIsKeptAndReplaced() {
        UUID tenant = UUID.randomUUID();

        store.saveRateLimitOverride(tenant, new RateLimit(10, 20));
        store.saveRateLimitOverride(tenant, new RateLimit(5, 5));

        assertThat(store.rateLimitOverrides()).containsEntry(tenant, new RateLimit(5, 5));
    }

    @Test
    void encryptionPoliciesKeepTheirModeAndTypes() {
        UUID all = UUID.randomUUID();
        UUID some = UUID.randomUUID();

        store.saveEncryptionPolicy(all, EncryptionPolicy.ALL);
        store.saveEncryptionPolicy(some, EncryptionPolicy.types(Set.of("lead.created", "payment.captured")));

        assertThat(store.encryptionPolicies()).containsEntry(all, EncryptionPolicy.ALL)
                .containsEntry(some, EncryptionPolicy.types(Set.of("lead.created", "payment.captured")));
        store.saveEncryptionPolicy(all, EncryptionPolicy.OFF);
        assertThat(store.encryptionPolicies()).containsEntry(all, EncryptionPolicy.OFF);
    }

    @Test
    void dataKeysComeBackInVersionOrderAndAVersionIsAddedOnce() {
        UUID tenant = UUID.randomUUID();
        WrappedDataKey two = new WrappedDataKey(tenant, 2, new byte[] {2, 2}, TestEvents.now());
        WrappedDataKey one = new WrappedDataKey(tenant, 1, new byte[] {1, 1, 1}, TestEvents.now());

        store.addDataKey(two);
        store.addDataKey(one);

        assertThat(store.dataKeys(tenant)).containsExactly(one, two);
        assertThat(store.anyDataKey()).isPresent();
        assertThatThrownBy(() -> store.addDataKey(new WrappedDataKey(tenant, 2, new byte[] {9}, TestEvents.now())))
                .isInstanceOf(ConflictException.class);
        assertThat(store.dataKeys(tenant)).containsExactly(one, two);
    }

    @Test
    void deletingATenantsKeysLeavesOtherTenantsKeys() {
        UUID shredded = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        store.addDataKey(new WrappedDataKey(shredded, 1, new byte[] {1}, TestEvents.now()));
        store.addDataKey(new WrappedDataKey(shredded, 2, new byte[] {2}, TestEvents.now()));
        WrappedDataKey other = new WrappedDataKey(kept, 1, new byte[] {3}, TestEvents.now());
        store.addDataKey(other);

        assertThat(store.deleteDataKeys(shredded)).isEqualTo(2);

        assertThat(store.dataKeys(shredded)).isEmpty();
        assertThat(store.dataKeys(kept)).containsExactly(other);
        assertThat(store.deleteDataKeys(shredded)).isZero();
    }
}

package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.spi.ApiKeyStore;
import com.bizosaas.eventbus.tenancy.ApiKey;
import com.bizosaas.eventbus.tenancy.ApiKeySecrets;
import com.bizosaas.eventbus.tenancy.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ApiKeyStore} must show. Extend it once per implementation; {@link
 * #newStore()} is called before each test and the store closed after it. Tests only look at keys
 * of tenants they made up, so a shared database is fine.
 */
public abstract class ApiKeyStoreContract {
    protected ApiKeyStore store;

    protected abstract ApiKeyStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aKeyIsFoundByTheHashOfItsSecretWithEveryField() {
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(UUID.randomUUID(), "crm reader", UUID.randomUUID(), Set.of(Scope.READ, Scope.PUBLISH),
                TestEvents.now(), TestEvents.now().plus(Duration.ofDays(30)), null);

        store.create(key, ApiKeySecrets.hash(secret));

        assertThat(store.findByHash(ApiKeySecrets.hash(secret))).contains(key);
        assertThat(store.find(key.id())).contains(key);
        assertThat(store.findByHash(ApiKeySecrets.hash(secret + "x"))).isEmpty();
    }

    @Test
    void aPlatformKeyWithoutExpiryKeepsItsNullTenantAndExpiry() {
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(UUID.randomUUID(), "agents", null, Scope.ALL, TestEvents.now(), null, null);

        store.create(key, ApiKeySecrets.hash(secret));

        assertThat(store.findByHash(ApiKeySecrets.hash(secret))).contains(key);
    }

    @Test
    void twoKeysWithTheSameSecretAreRefused() {
        byte[] hash = ApiKeySecrets.hash(ApiKeySecrets.newSecret());
        store.create(new ApiKey(UUID.randomUUID(), "a", null, Set.of(Scope.READ), TestEvents.now(), null, null), hash);

        assertThatThrownBy(() -> store.create(
                new ApiKey(UUID.randomUUID(), "b", null, Set.of(Scope.READ), TestEvents.now(), null, null), hash))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void listingByTenantShowsOnlyThatTenantsKeysOldestFirst() {
        UUID tenant = UUID.randomUUID();
        Instant now = TestEvents.now();
        ApiKey older = new ApiKey(UUID.randomUUID(), "older", tenant, Set.of(Scope.READ), now, null, null);
        ApiKey newer = new ApiKey(UUID.randomUUID(), "newer", tenant, Set.of(Scope.ADMIN), now.plusSeconds(1), null,
                null);
        ApiKey other = new ApiKey(UUID.randomUUID(), "other", UUID.randomUUID(), Set.of(Scope.READ), now, null, null);
        store.create(newer, ApiKeySecrets.hash(ApiKeySecrets.newSecret()));
        store.create(older, ApiKeySecrets.hash(ApiKeySecrets.newSecret()));
        store.create(other, ApiKeySecrets.hash(ApiKeySecrets.newSecret()));

        assertThat(store.list(tenant)).containsExactly(older, newer);
        assertThat(store.list(null)).contains(older, newer, other);
    }

    @Test
    void aRevokedKeyIsStillFoundButMarkedRevokedOnce() {
        String secret = ApiKeySecrets.newSecret();
        ApiKey key = new ApiKey(UUID.randomUUID(), "short lived", UUID.randomUUID(), Set.of(Scope.READ),
                TestEvents.now(), null, null);
        store.create(key, ApiKeySecrets.hash(secret));
        Instant at = TestEvents.now().plusSeconds(5);

        assertThat(store.revoke(key.id(), at)).isTrue();
        assertThat(store.revoke(key.id(), at.plusSeconds(1))).isFalse();
        assertThat(store.revoke(UUID.randomUUID(), at)).isFalse();

        ApiKey found = store.findByHash(ApiKeySecrets.hash(secret)).orElseThrow();
        assertThat(found.revokedAt()).isEqualTo(at);
        assertThat(found.isUsableAt(at.plusSeconds(1))).isFalse();
    }
}

package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.sourcing.Snapshot;
import com.bizosaas.eventbus.spi.SnapshotStore;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link SnapshotStore} must show. Extend it once per implementation. */
public abstract class SnapshotStoreContract {
    protected SnapshotStore store;

    /** A working store; the suite closes it after each test. */
    protected abstract SnapshotStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Snapshot snapshot(UUID tenant, String stream, long version) {
        return new Snapshot(tenant, stream, version,
                SchemaRegistryContract.json("{'balance':" + version * 10 + ",'owner':{'name':'Ada'}}"), TestEvents.now());
    }

    @Test
    void theLatestSnapshotIsLoadedWithEveryField() {
        UUID tenant = TestEvents.newTenant();
        Snapshot first = snapshot(tenant, "account-1", 3);
        Snapshot second = snapshot(tenant, "account-1", 7);
        assertThat(store.save(first)).isEqualTo(first);
        assertThat(store.save(second)).isEqualTo(second);

        assertThat(store.latest(tenant, "account-1")).contains(second);
        assertThat(store.latest(tenant, "account-2")).isEmpty();
    }

    @Test
    void anOlderSnapshotDoesNotReplaceANewerOne() {
        UUID tenant = TestEvents.newTenant();
        Snapshot newer = store.save(snapshot(tenant, "account-1", 9));

        assertThat(store.save(snapshot(tenant, "account-1", 4))).isEqualTo(newer);
        assertThat(store.latest(tenant, "account-1")).contains(newer);
    }

    @Test
    void streamsOfOtherTenantsAreSeparate() {
        UUID tenant = TestEvents.newTenant();
        UUID other = TestEvents.newTenant();
        store.save(snapshot(tenant, "account-1", 2));

        assertThat(store.latest(other, "account-1")).isEmpty();
        Snapshot theirs = store.save(snapshot(other, "account-1", 5));
        assertThat(store.latest(tenant, "account-1").orElseThrow().version()).isEqualTo(2);
        assertThat(store.latest(other, "account-1")).contains(theirs);
    }
}

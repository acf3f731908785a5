package com.bizosaas.eventbus.broker.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerPersistenceTest {

    @Test
    void onlyAnAppendOnlyFileSyncedOnEveryWriteIsDurable() {
        assertThat(judge("yes", "always", "").durable()).isTrue();
        assertThat(judge("yes", "always", "3600 1").durable()).isTrue();
    }

    @Test
    void syncingOncePerSecondOrLeavingItToTheSystemMayLoseConfirmedWrites() {
        assertThat(judge("yes", "everysec", "").durable()).isFalse();
        assertThat(judge("yes", "no", "").durable()).isFalse();
    }

    @Test
    void snapshotsAloneOrNothingOnDiskAreNotDurableAndSaySo() {
        ServerPersistence snapshots = judge("no", "everysec", "3600 1 300 100");
        assertThat(snapshots.durable()).isFalse();
        assertThat(snapshots.description()).contains("RDB snapshots only");
        ServerPersistence nothing = judge("no", "everysec", "");
        assertThat(nothing.durable()).isFalse();
        assertThat(nothing.description()).contains("keeps nothing on disk");
    }

    private static ServerPersistence judge(String appendOnly, String fsync, String save) {
        return ServerPersistence.fromConfig("run", Map.of("appendonly", appendOnly, "appendfsync", fsync, "save", save));
    }
}

package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.spi.ClusterLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 23: a cluster-wide job runs on one instance of a deployment and moves when its holder dies. */
class ClusterLeasesIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void oneInstanceOfADeploymentHoldsAJobAndAnotherDeploymentIsNotAffected() {
        PostgresConfig schema = POSTGRES.migratedSchema();
        try (PostgresDatabase first = PostgresDatabase.start(schema);
             PostgresDatabase second = PostgresDatabase.start(schema);
             PostgresDatabase otherDeployment = PostgresDatabase.start(POSTGRES.newSchema())) {
            assertThat(first.clusterLeases().holds("outbox-relay")).isTrue();
            assertThat(first.clusterLeases().holds("outbox-relay")).as("held, asked again").isTrue();
            assertThat(second.clusterLeases().holds("outbox-relay")).isFalse();
            assertThat(second.clusterLeases().holds("event-retention")).as("another job").isTrue();
            assertThat(first.clusterLeases().holds("event-retention")).isFalse();
            assertThat(otherDeployment.clusterLeases().holds("outbox-relay")).as("another schema").isTrue();
        }
    }

    @Test
    void theJobMovesWhenItsHolderClosesOrItsSessionDies() throws SQLException {
        PostgresConfig schema = POSTGRES.migratedSchema();
        try (PostgresDatabase first = PostgresDatabase.start(schema);
             PostgresDatabase second = PostgresDatabase.start(schema)) {
            ClusterLeases a = first.clusterLeases();
            ClusterLeases b = second.clusterLeases();
            assertThat(a.holds("outbox-relay")).isTrue();

            // What a SIGKILLed instance looks like to PostgreSQL: its session ends.
            terminateHolderOf(schema.schema() + ".lease:outbox-relay");
            Await.until("the job is taken over once its holder's session ended", () -> b.holds("outbox-relay"));
            assertThat(a.holds("outbox-relay")).as("the old holder notices it lost the job").isFalse();

            b.close();
            // PostgreSQL ends the closed session (and frees its locks) a moment after the client's goodbye.
            Await.until("the job is taken over once its holder closed", () -> a.holds("outbox-relay"));
        }
    }

    private static void terminateHolderOf(String lockName) throws SQLException {
        try (Connection db = POSTGRES.ownerConnection();
             PreparedStatement kill = db.prepareStatement("""
                     SELECT pg_terminate_backend(pid) FROM pg_locks
                     WHERE locktype = 'advisory' AND granted AND objsubid = 1
                       AND objid = (hashtext(?)::bigint & 4294967295)::oid
                       AND classid = ((hashtext(?)::bigint >> 32) & 4294967295)::oid""")) {
            kill.setString(1, lockName);
            kill.setString(2, lockName);
            try (ResultSet killed = kill.executeQuery()) {
                assertThat(killed.next()).as("a session holds " + lockName).isTrue();
                assertThat(killed.getBoolean(1)).isTrue();
            }
        }
    }
}

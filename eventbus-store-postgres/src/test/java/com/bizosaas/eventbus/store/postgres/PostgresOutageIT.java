package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.testing.PostgresServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With PostgreSQL down, store calls fail at once with {@link UnavailableException} rather than each
 * waiting the pool's connection timeout, and work again as soon as the database is back. Runs on
 * a private cluster that the test stops and starts, never on the shared server.
 */
class PostgresOutageIT {
    private final UUID tenant = UUID.randomUUID();

    @Test
    void once_the_database_is_known_to_be_down_calls_fail_at_once_until_a_probe_reaches_it_again() throws Exception {
        try (PostgresServerProcess cluster = PostgresServerProcess.start();
             PostgresDatabase database = PostgresDatabase.start(privateConfig(cluster))) {
            EventStore store = database.eventStore();
            assertThat(append(store).duplicate()).isFalse();

            cluster.stop();
            Await.until("a failed call told the store that PostgreSQL is down", Duration.ofSeconds(30), () -> failsFromTheGate(store));

            // Failing from the gate means without asking the pool for a connection: no 5 s wait.
            assertThatThrownBy(() -> append(store)).isInstanceOf(UnavailableException.class)
                    .hasMessageContaining("until a probe reaches it again");
            assertThatThrownBy(() -> store.query(EventQuery.forTenant(tenant).build()))
                    .isInstanceOf(UnavailableException.class).hasMessageContaining("until a probe reaches it again");

            cluster.startAgain();
            Await.until("appends work again once PostgreSQL is back", Duration.ofSeconds(30), () -> {
                try {
                    return !append(store).duplicate();
                } catch (UnavailableException stillDown) {
                    return false;
                }
            });
            assertThat(store.query(EventQuery.forTenant(tenant).build()).items())
                    .hasSize(2);
        }
    }

    private boolean failsFromTheGate(EventStore store) {
        try {
            append(store);
            return false;
        } catch (UnavailableException e) {
            return e.getMessage().contains("until a probe reaches it again");
        }
    }

    private AppendResult append(EventStore store) {
        Event event = TestEvents.event(tenant).build();
        return store.append(List.of(event)).get(0);
    }

    private static PostgresConfig privateConfig(PostgresServerProcess cluster) {
        return PostgresConfig.builder().host("127.0.0.1").port(cluster.port()).user("postgres").password("")
                .database("postgres").schema("eventbus").poolSize(4).build();
    }
}

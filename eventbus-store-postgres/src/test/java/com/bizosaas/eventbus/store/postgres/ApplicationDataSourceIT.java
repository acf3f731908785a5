package com.bizosaas.eventbus.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.store.postgres.internal.SessionScopedDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store on connections borrowed from the application's own pool (what the Spring Boot starter
 * does with the application's DataSource): it works, keeps row-level security, and hands the
 * connections back as the application left them.
 */
class ApplicationDataSourceIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int POOL_SIZE = 3;

    private final UUID tenant = UUID.randomUUID();
    private HikariDataSource applicationPool;

    @BeforeEach
    void openApplicationPool() {
        applicationPool = pool(true);
    }

    private static HikariDataSource pool(boolean autoCommit) {
        HikariConfig hikari = new HikariConfig();
        hikari.setAutoCommit(autoCommit);
        hikari.setJdbcUrl("jdbc:postgresql://" + PostgresExtension.HOST + ":" + PostgresExtension.PORT + "/"
                + PostgresExtension.DATABASE);
        hikari.setUsername(PostgresExtension.USER);
        hikari.setMaximumPoolSize(POOL_SIZE);
        hikari.setConnectionTimeout(10_000);
        return new HikariDataSource(hikari);
    }

    @AfterEach
    void closeApplicationPool() {
        applicationPool.close();
    }

    @Test
    void the_store_runs_on_the_applications_pool_and_returns_its_connections_unchanged() throws Exception {
        PostgresConfig config = POSTGRES.newSchema();
        List<Map<String, String>> before = session();
        PostgresDatabase database = PostgresDatabase.start(config, applicationPool);
        List<Event> handled = new CopyOnWriteArrayList<>();
        try (EventBus bus = EventBus.builder().store(database.eventStore())
                .subscriptionStore(database.subscriptionStore()).deliveryStore(database.deliveryStore())
                .broker(new InMemoryMessageBroker()).build().start()) {
            bus.on("lead.*", "crm", handled::add);
            bus.publish(Event.builder().type("lead.created").tenant(tenant).source("crm").data(Map.of("n", 1)).build());

            Await.until("the handler got the event", Duration.ofSeconds(30), () -> handled.size() == 1);
            assertThat(bus.history(EventQuery.forTenant(tenant).build()).items()).hasSize(1);
            assertThat(bus.history(EventQuery.forTenant(UUID.randomUUID()).build()).items()).isEmpty();
            ComponentHealth health = bus.health().get("event_store");
            assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(health.details()).containsEntry("schema", config.schema()).containsKey("pool");
            assertThat(session()).as("the application's connection after the store used it").isEqualTo(before);
        }
        assertThat(applicationPool.isClosed()).as("closing the bus leaves the application's pool open").isFalse();
        assertThat(session()).isEqualTo(before);
        try (Connection c = POSTGRES.ownerConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + config.schema() + ".events")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the events went to the configured schema").isEqualTo(1);
        }
    }

    @Test
    void a_pool_without_auto_commit_gets_its_connections_back_unchanged_too() throws Exception {
        applicationPool.close();
        applicationPool = pool(false);
        the_store_runs_on_the_applications_pool_and_returns_its_connections_unchanged();
    }

    @Test
    void a_borrowed_connection_acts_as_the_application_role_in_the_bus_schema() throws Exception {
        PostgresConfig config = POSTGRES.newSchema();
        PostgresDatabase database = PostgresDatabase.start(config, applicationPool);
        try (database) {
            database.eventStore();
            try (Connection c = new SessionScopedDataSource(
                    applicationPool, config.appRole(), config.schema()).getConnection();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_user, current_setting('search_path')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(config.appRole());
                assertThat(rs.getString(2)).isEqualTo(config.schema());
            }
        }
    }

    /** The role and search path of every connection of the application's pool, borrowed all at once. */
    private List<Map<String, String>> session() throws Exception {
        List<Connection> borrowed = new ArrayList<>();
        try {
            List<Map<String, String>> sessions = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection c = applicationPool.getConnection();
                borrowed.add(c);
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT current_user, current_setting('search_path')")) {
                    rs.next();
                    sessions.add(Map.of("user", rs.getString(1), "search_path", rs.getString(2)));
                }
            }
            return sessions;
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
    }
}

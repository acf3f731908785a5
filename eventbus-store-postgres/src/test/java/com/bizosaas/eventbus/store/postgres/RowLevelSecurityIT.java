package com.bizosaas.eventbus.store.postgres;

import static com.bizosaas.eventbus.store.postgres.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.store.postgres.internal.Transactions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Row-level security isolates tenants below the application: the store's connections act as a role
 * that owns nothing, and a query that forgets its tenant condition still sees only its tenant's rows.
 */
class RowLevelSecurityIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final UUID TENANT_A = UUID.randomUUID();
    private static final UUID TENANT_B = UUID.randomUUID();
    private static final List<String> TENANT_TABLES =
            List.of("events", "event_keys", "outbox", "tenant_positions", "deliveries", "subscriptions");

    private static PostgresDatabase db;
    private static Transactions transactions;

    @BeforeAll
    static void storeRowsOfTwoTenants() {
        db = PostgresDatabase.start(POSTGRES.newSchema().toBuilder().poolSize(1).build());
        transactions = db.transactions();
        for (UUID tenant : List.of(TENANT_A, TENANT_B)) {
            Event stored = db.eventStore().append(List.of(event(tenant, "lead.created"))).get(0).event();
            Subscription subscription = TestEvents.webhook(tenant, "lead.*");
            db.subscriptionStore().save(subscription);
            db.deliveryStore().enqueue(List.of(Delivery.pending(subscription.id(), stored, null, null, Instant.now())));
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void a_query_without_a_tenant_condition_sees_only_the_rows_of_the_tenant_set_for_the_transaction() {
        for (String table : TENANT_TABLES) {
            List<UUID> visible = transactions.inTenant(TENANT_A, "test",
                    h -> h.createQuery("SELECT tenant_id FROM " + table).mapTo(UUID.class).list());
            assertThat(visible).as(table).isNotEmpty().containsOnly(TENANT_A);
        }
    }

    @Test
    void a_session_of_the_application_role_that_sets_no_tenant_sees_no_rows() throws Exception {
        try (Connection c = POSTGRES.ownerConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + db.config().schema());
            s.execute("SET ROLE " + db.config().appRole());
            for (String table : TENANT_TABLES) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(table).isZero();
                }
            }
        }
    }

    @Test
    void the_application_role_cannot_write_a_row_for_another_tenant() {
        assertThatThrownBy(() -> transactions.inTenant(TENANT_A, "test", h -> h.createUpdate(
                        "INSERT INTO tenant_positions (tenant_id, last_position) VALUES (:tenant, 0)")
                .bind("tenant", UUID.randomUUID())
                .execute()))
                .isInstanceOf(EventBusException.class)
                .hasMessageContaining("row-level security");
    }

    @Test
    void the_application_role_owns_no_table_and_cannot_bypass_row_level_security() {
        List<Object> role = transactions.inTenant(TENANT_A, "test", h -> h.createQuery("""
                        SELECT current_user AS name, r.rolsuper, r.rolbypassrls,
                               (SELECT count(*) FROM pg_tables t
                                WHERE t.schemaname = current_schema() AND t.tableowner = current_user) AS owned
                        FROM pg_roles r WHERE r.rolname = current_user""")
                .map((rs, ctx) -> List.<Object>of(rs.getString("name"), rs.getBoolean("rolsuper"),
                        rs.getBoolean("rolbypassrls"), rs.getLong("owned")))
                .one());
        assertThat(role).containsExactly(db.config().appRole(), false, false, 0L);
    }

    @Test
    void the_tenant_of_one_transaction_does_not_carry_over_to_the_next_on_the_same_connection() {
        transactions.inTenant(TENANT_A, "test", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        String carried = transactions.asSystem("test",
                h -> h.createQuery("SELECT coalesce(current_setting('app.tenant_id', true), '')")
                        .mapTo(String.class)
                        .one());
        assertThat(carried).isEmpty();
    }
}

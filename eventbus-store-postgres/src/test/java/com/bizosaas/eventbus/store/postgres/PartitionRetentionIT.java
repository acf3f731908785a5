package com.bizosaas.eventbus.store.postgres;

import static com.bizosaas.eventbus.store.postgres.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.store.postgres.internal.Maintenance;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events live in day partitions; retention drops whole partitions instead of deleting rows. */
class PartitionRetentionIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    private static final Instant NOON = TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC);
    private final UUID tenant = UUID.randomUUID();

    @Test
    void start_up_creates_day_partitions_from_yesterday_to_a_week_ahead() {
        try (PostgresDatabase db = start(NOON)) {
            assertThat(db.partitions().names()).containsExactlyElementsOf(
                    TODAY.minusDays(1).datesUntil(TODAY.plusDays(Maintenance.DAYS_AHEAD + 1))
                            .map(d -> "events_p" + d.toString().replace("-", ""))
                            .toList());
        }
    }

    @Test
    void an_event_is_stored_in_the_partition_of_its_day() throws Exception {
        try (PostgresDatabase db = start(NOON)) {
            Event stored = db.eventStore().append(List.of(event(tenant, "lead.created", NOON))).get(0).event();
            assertThat(partitionOf(db, stored)).isEqualTo("events_p20260315");
        }
    }

    @Test
    void an_event_outside_the_partitions_is_kept_in_the_default_and_moved_when_its_day_gets_a_partition()
            throws Exception {
        try (PostgresDatabase db = start(NOON)) {
            Instant longAgo = NOON.minus(Duration.ofDays(40));
            Event stored = db.eventStore().append(List.of(event(tenant, "lead.created", longAgo))).get(0).event();
            assertThat(partitionOf(db, stored)).isEqualTo("events_default");

            db.partitions().ensure(LocalDate.of(2026, 2, 3), LocalDate.of(2026, 2, 3));

            assertThat(partitionOf(db, stored)).isEqualTo("events_p20260203");
            assertThat(db.eventStore().find(tenant, stored.id())).contains(stored);
        }
    }

    @Test
    void purging_drops_the_partitions_entirely_older_than_the_cutoff_and_keeps_newer_events() {
        LocalDate fortyDaysAgo = TODAY.minusDays(40);
        try (PostgresDatabase db = start(NOON)) {
            db.partitions().ensure(fortyDaysAgo, fortyDaysAgo);
            EventStore store = db.eventStore();
            Event old = store.append(List.of(event(tenant, "lead.created", NOON.minus(Duration.ofDays(40)))))
                    .get(0).event();
            Event recent = store.append(List.of(event(tenant, "lead.created", NOON))).get(0).event();

            assertThat(store.purgeBefore(NOON.minus(Duration.ofDays(30)))).isEqualTo(1);

            assertThat(db.partitions().names()).doesNotContain("events_p" + fortyDaysAgo.toString().replace("-", ""));
            assertThat(store.query(EventQuery.forTenant(tenant).build()).items()).containsExactly(recent);
            assertThat(store.find(tenant, old.id())).isEmpty();
            assertThat(store.unpublished(NOON.plusSeconds(1), 10)).containsExactly(recent);
        }
    }

    @Test
    void purge_before_a_cutoff_inside_a_day_removes_exactly_the_older_events_and_counts_them() {
        try (PostgresDatabase db = start(NOON)) {
            EventStore store = db.eventStore();
            Event morning = store.append(List.of(event(tenant, "lead.created", NOON.minusSeconds(3600)))).get(0)
                    .event();
            Event afternoon = store.append(List.of(event(tenant, "lead.created", NOON.plusSeconds(3600)))).get(0)
                    .event();

            assertThat(store.purgeBefore(NOON)).isEqualTo(1);

            assertThat(store.find(tenant, morning.id())).isEmpty();
            assertThat(store.find(tenant, afternoon.id())).contains(afternoon);
            assertThat(db.partitions().names()).contains("events_p20260315");
        }
    }

    @Test
    void maintenance_forgets_finished_deliveries_past_the_ttl_and_keeps_open_ones_and_dead_letters() {
        try (PostgresDatabase db = start(NOON)) {
            DeliveryStore deliveries = db.deliveryStore();
            Instant longAgo = NOON.minus(Duration.ofDays(40));
            UUID subscription = UUID.randomUUID();
            Delivery oldDelivered = deliveryCreatedAt(subscription, longAgo);
            Delivery oldDead = deliveryCreatedAt(subscription, longAgo);
            Delivery oldPending = deliveryCreatedAt(subscription, longAgo);
            Delivery recentDelivered = deliveryCreatedAt(subscription, NOON);
            deliveries.enqueue(List.of(oldDelivered, oldDead, oldPending, recentDelivered));
            DeliveryAttempt attempt = new DeliveryAttempt(NOON, 200, null, 5);
            deliveries.markDelivered(oldDelivered.id(), attempt);
            deliveries.markDead(oldDead.id(), attempt);
            deliveries.markDelivered(recentDelivered.id(), attempt);

            db.runMaintenance();

            assertThat(deliveries.find(oldDelivered.id())).isEmpty();
            assertThat(List.of(oldDead, oldPending, recentDelivered))
                    .allSatisfy(d -> assertThat(deliveries.find(d.id())).isPresent());
        }
    }

    private Delivery deliveryCreatedAt(UUID subscription, Instant createdAt) {
        return Delivery.pending(subscription, event(tenant, "lead.created", createdAt).withPosition(1), null, null,
                createdAt);
    }

    private static PostgresDatabase start(Instant now) {
        return PostgresDatabase.start(POSTGRES.newSchema(), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String partitionOf(PostgresDatabase db, Event event) throws Exception {
        try (Connection c = POSTGRES.ownerConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tableoid::regclass::text FROM " + db.config().schema()
                     + ".events WHERE event_id = '" + event.id() + "'")) {
            rs.next();
            String qualified = rs.getString(1);
            return qualified.substring(qualified.indexOf('.') + 1);
        }
    }
}

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryAttempt;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * {@link DeliveryStore} on PostgreSQL: a restart keeps pending retries, leases and dead letters.
 * Claims lock due rows with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work
 * without handing one delivery to two claimers. Thread-safe.
 */
public final class PostgresDeliveryStore implements DeliveryStore {
    private static final String COLUMNS = "id, seq, subscription_id, tenant_id, event_id, event_type, position, "
            + "ordering_key, status, attempts, next_attempt_at, lease_until, replay_id, created_at, attempt_log";

    private static final TypeReference<List<DeliveryAttempt>> ATTEMPTS = new TypeReference<>() {
    };

    private static final RowMapper<Delivery> MAPPER = (rs, ctx) -> new Delivery(
            rs.getObject("id", UUID.class),
            rs.getLong("seq"),
            rs.getObject("subscription_id", UUID.class),
            rs.getObject("tenant_id", UUID.class),
            rs.getObject("event_id", UUID.class),
            rs.getString("event_type"),
            rs.getLong("position"),
            rs.getString("ordering_key"),
            DeliveryStatus.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
            rs.getInt("attempts"),
            Json.instant(rs, "next_attempt_at"),
            Json.instant(rs, "lease_until"),
            rs.getObject("replay_id", UUID.class),
            Json.instant(rs, "created_at"),
            Json.read(rs.getString("attempt_log"), ATTEMPTS));

    private static final String ENQUEUE = """
            INSERT INTO deliveries (id, subscription_id, tenant_id, event_id, event_type, position, ordering_key,
                                    status, attempts, next_attempt_at, lease_until, replay_id, created_at, attempt_log)
            SELECT * FROM unnest(:id, :subscription, :tenant, :event, CAST(:type AS text[]), :position,
                                 CAST(:orderingKey AS text[]), CAST(:status AS text[]), :attempts,
                                 CAST(:nextAttemptAt AS timestamptz[]), CAST(:leaseUntil AS timestamptz[]), :replay,
                                 CAST(:createdAt AS timestamptz[]), CAST(:attemptLog AS jsonb[]))
            ON CONFLICT DO NOTHING""";

    /**
     * Fair claiming without scanning a backlog: for each subscription, walk the distinct tenants that
     * have open deliveries (one index probe per tenant), take each tenant's oldest due deliveries that
     * the ordering rule allows, deal them out round-robin across tenants (and, within a tenant, across
     * its subscriptions) up to the limit, and lease the ones no other claimer holds.
     */
    private static final String CLAIM = """
            WITH RECURSIVE tenants AS (
                SELECT s.subscription_id,
                       (SELECT d.tenant_id FROM deliveries d
                        WHERE d.subscription_id = s.subscription_id AND d.status IN ('pending', 'leased')
                        ORDER BY d.tenant_id LIMIT 1) AS tenant_id
                FROM unnest(:subscriptions) AS s(subscription_id)
                UNION ALL
                SELECT t.subscription_id,
                       (SELECT d.tenant_id FROM deliveries d
                        WHERE d.subscription_id = t.subscription_id AND d.status IN ('pending', 'leased')
                          AND d.tenant_id > t.tenant_id
                        ORDER BY d.tenant_id LIMIT 1)
                FROM tenants t WHERE t.tenant_id IS NOT NULL
            ), candidates AS (
                SELECT c.* FROM tenants t CROSS JOIN LATERAL (
                    SELECT d.id, d.tenant_id, d.subscription_id, d.due_at, d.seq FROM deliveries d
                    WHERE d.subscription_id = t.subscription_id AND d.tenant_id = t.tenant_id
                      AND d.status IN ('pending', 'leased') AND d.due_at <= :now
                      AND (d.ordering_key IS NULL OR NOT EXISTS (
                          SELECT 1 FROM deliveries earlier
                          WHERE earlier.subscription_id = d.subscription_id
                            AND earlier.ordering_key = d.ordering_key
                            AND earlier.position < d.position
                            AND earlier.status IN ('pending', 'leased')))
                    ORDER BY d.due_at, d.seq
                    LIMIT :limit) c
                WHERE t.tenant_id IS NOT NULL
            ), dealt AS (
                SELECT id FROM (
                    SELECT id, due_at, seq,
                           row_number() OVER (PARTITION BY tenant_id ORDER BY subscription_turn, due_at, seq) AS turn
                    FROM (SELECT id, tenant_id, due_at, seq,
                                 row_number() OVER (PARTITION BY tenant_id, subscription_id ORDER BY due_at, seq)
                                     AS subscription_turn
                          FROM candidates) per_subscription) per_tenant
                ORDER BY turn, due_at, seq
                LIMIT :limit
            ), locked AS MATERIALIZED (
                SELECT d.id FROM deliveries d
                WHERE d.id IN (SELECT id FROM dealt) AND d.status IN ('pending', 'leased') AND d.due_at <= :now
                FOR UPDATE SKIP LOCKED
            )
            UPDATE deliveries d SET status = 'leased', lease_until = :leaseUntil,
                attempts = CASE d.status WHEN 'leased' THEN d.attempts + 1 ELSE d.attempts END,
                attempt_log = CASE d.status WHEN 'leased'
                    THEN d.attempt_log || jsonb_build_array(CAST(:leaseExpired AS jsonb)) ELSE d.attempt_log END
            FROM locked WHERE d.id = locked.id""" + " RETURNING " + prefixed("d.");

    private static final String RECORD_ATTEMPT =
            "attempts = attempts + 1, attempt_log = attempt_log || jsonb_build_array(CAST(:attempt AS jsonb))";

    private final Transactions transactions;
    private final Runnable onClose;

    /**
     * @param onClose releases this store's share of the database; may run more than once
     */
    public PostgresDeliveryStore(Transactions transactions, Runnable onClose) {
        this.transactions = transactions;
        this.onClose = onClose;
    }

    @Override
    public int enqueue(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return 0;
        }
        return transactions.asSystem("enqueueing deliveries", handle -> handle.createUpdate(ENQUEUE)
                .bindArray("id", UUID.class, column(deliveries, Delivery::id))
                .bindArray("subscription", UUID.class, column(deliveries, Delivery::subscriptionId))
                .bindArray("tenant", UUID.class, column(deliveries, Delivery::tenantId))
                .bindArray("event", UUID.class, column(deliveries, Delivery::eventId))
                .bindArray("type", String.class, column(deliveries, Delivery::eventType))
                .bindArray("position", Long.class, column(deliveries, Delivery::position))
                .bindArray("orderingKey", String.class, column(deliveries, Delivery::orderingKey))
                .bindArray("status", String.class, column(deliveries, d -> d.status().wireName()))
                .bindArray("attempts", Integer.class, column(deliveries, Delivery::attempts))
                .bindArray("nextAttemptAt", String.class, column(deliveries, d -> text(d.nextAttemptAt())))
                .bindArray("leaseUntil", String.class, column(deliveries, d -> text(d.leaseUntil())))
                .bindArray("replay", UUID.class, column(deliveries, Delivery::replayId))
                .bindArray("createdAt", String.class, column(deliveries, d -> text(d.createdAt())))
                .bindArray("attemptLog", String.class, column(deliveries, d -> Json.write(d.attemptLog())))
                .execute());
    }

    @Override
    public List<Delivery> claim(Collection<UUID> subscriptionIds, Instant now, int limit, Duration lease) {
        if (subscriptionIds.isEmpty() || limit < 1) {
            return List.of();
        }
        List<Delivery> claimed = transactions.asSystem("claiming deliveries", handle -> handle.createQuery(CLAIM)
                .bindArray("subscriptions", UUID.class, subscriptionIds)
                .bind("now", Json.utc(now))
                .bind("limit", limit)
                .bind("leaseUntil", Json.utc(now.plus(lease)))
                .bind("leaseExpired", Json.write(DeliveryAttempt.leaseExpired(now)))
                .map(MAPPER)
                .list());
        List<Delivery> ordered = new ArrayList<>(claimed);
        ordered.sort(Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::seq));
        return ordered;
    }

    @Override
    public void extendLeases(Collection<UUID> deliveryIds, Instant leaseUntil) {
        if (deliveryIds.isEmpty()) {
            return;
        }
        transactions.asSystem("extending delivery leases", handle -> handle.createUpdate("""
                        UPDATE deliveries SET lease_until = CAST(:leaseUntil AS timestamptz)
                        WHERE id = ANY(:ids) AND status = 'leased'""")
                .bind("leaseUntil", Json.utc(leaseUntil))
                .bindArray("ids", UUID.class, deliveryIds)
                .execute());
    }

    @Override
    public void markDelivered(UUID deliveryId, DeliveryAttempt attempt) {
        settle(deliveryId, "recording a delivery", "status = 'delivered', lease_until = NULL", attempt);
    }

    /** One transaction: lock the leased rows, and settle them only if every id was among them. */
    @Override
    public List<Delivery> acknowledgeLeased(UUID subscriptionId, Collection<UUID> deliveryIds,
                                            DeliveryAttempt attempt) {
        UUID[] ids = new LinkedHashSet<>(deliveryIds).toArray(UUID[]::new);
        return transactions.asSystem("acknowledging pulled deliveries", handle -> {
            List<Delivery> leased = handle.createQuery("SELECT " + COLUMNS + " FROM deliveries WHERE id = ANY(:ids) "
                            + "AND subscription_id = :subscription AND status = 'leased' FOR UPDATE")
                    .bind("ids", ids)
                    .bind("subscription", subscriptionId)
                    .map(MAPPER)
                    .list();
            if (leased.size() == ids.length) {
                handle.createUpdate("UPDATE deliveries SET status = 'delivered', lease_until = NULL, " + RECORD_ATTEMPT
                                + " WHERE id = ANY(:ids)")
                        .bind("ids", ids)
                        .bind("attempt", Json.write(attempt))
                        .execute();
            }
            return leased;
        });
    }

    @Override
    public void reschedule(UUID deliveryId, DeliveryAttempt attempt, Instant nextAttemptAt) {
        transactions.asSystem("rescheduling a delivery", handle -> {
            Update update = handle.createUpdate("UPDATE deliveries SET status = 'pending', lease_until = NULL, "
                            + "next_attempt_at = :next" + (attempt == null ? "" : ", " + RECORD_ATTEMPT)
                            + " WHERE id = :id")
                    .bind("id", deliveryId)
                    .bind("next", Json.utc(nextAttemptAt));
            if (attempt != null) {
                update.bind("attempt", Json.write(attempt));
            }
            return requireFound(deliveryId, update.execute());
        });
    }

    @Override
    public void markDead(UUID deliveryId, DeliveryAttempt attempt) {
        settle(deliveryId, "recording a dead letter", "status = 'dead', lease_until = NULL", attempt);
    }

    private void settle(UUID deliveryId, String action, String assignments, DeliveryAttempt attempt) {
        transactions.asSystem(action, handle -> {
            Update update = handle.createUpdate("UPDATE deliveries SET " + assignments
                            + (attempt == null ? "" : ", " + RECORD_ATTEMPT) + " WHERE id = :id")
                    .bind("id", deliveryId);
            if (attempt != null) {
                update.bind("attempt", Json.write(attempt));
            }
            return requireFound(deliveryId, update.execute());
        });
    }

    @Override
    public Optional<Delivery> find(UUID deliveryId) {
        return transactions.asSystem("finding a delivery", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM deliveries WHERE id = :id")
                .bind("id", deliveryId)
                .map(MAPPER)
                .findOne());
    }

    @Override
    public Page<Delivery> deadLetters(DeadLetterQuery query) {
        DeadLetterSql where = DeadLetterSql.of(query);
        List<Delivery> rows = transactions.scoped(query.tenantId(), "listing dead letters", handle -> where.bind(
                        handle.createQuery("SELECT " + COLUMNS + " FROM deliveries WHERE " + where.text()
                                + " ORDER BY seq LIMIT :limit"))
                .bind("limit", query.limit() + 1)
                .map(MAPPER)
                .list());
        if (rows.size() <= query.limit()) {
            return new Page<>(rows, 0);
        }
        List<Delivery> page = rows.subList(0, query.limit());
        return new Page<>(page, page.get(page.size() - 1).seq());
    }

    /** Acts on exactly the dead letters {@link #deadLetters} lists for the query: one page. */
    @Override
    public int redrive(DeadLetterQuery query, Instant now) {
        return onListedPage(query, "redriving dead letters",
                "status = 'pending', attempts = 0, next_attempt_at = :now, lease_until = NULL",
                Map.of("now", Json.utc(now)));
    }

    /** Acts on exactly the dead letters {@link #deadLetters} lists for the query: one page. */
    @Override
    public int discard(DeadLetterQuery query) {
        return onListedPage(query, "discarding dead letters", "status = 'discarded'", Map.of());
    }

    private int onListedPage(DeadLetterQuery query, String action, String assignments, Map<String, ?> values) {
        DeadLetterSql where = DeadLetterSql.of(query);
        // Materialized: evaluated once. As a plain IN (subquery) PostgreSQL may run it again per row,
        // and the rows this statement already updated would then make room for more than the page.
        return transactions.scoped(query.tenantId(), action, handle -> where.bind(handle.createUpdate(
                        "WITH page AS MATERIALIZED (SELECT id FROM deliveries WHERE " + where.text()
                                + " ORDER BY seq LIMIT :limit FOR UPDATE) UPDATE deliveries d SET " + assignments
                                + " FROM page WHERE d.id = page.id AND d.status = 'dead'"))
                .bind("limit", query.limit())
                .bindMap(values)
                .execute());
    }

    @Override
    public long count(DeliveryStatus status) {
        return transactions.asSystem("counting deliveries", handle -> handle.createQuery(
                        "SELECT count(*) FROM deliveries WHERE status = :status")
                .bind("status", status.wireName())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public void deleteForSubscription(UUID subscriptionId) {
        transactions.asSystem("deleting a subscription's deliveries", handle -> handle.createUpdate(
                        "DELETE FROM deliveries WHERE subscription_id = :subscription")
                .bind("subscription", subscriptionId)
                .execute());
    }

    @Override
    public long purgeFinishedBefore(Instant cutoff) {
        return transactions.asSystem("purging finished deliveries", handle -> handle.createUpdate(
                        "DELETE FROM deliveries WHERE status IN ('delivered', 'discarded') AND created_at < :cutoff")
                .bind("cutoff", Json.utc(cutoff))
                .execute());
    }

    /** Releases this store's share of the database. */
    @Override
    public void close() {
        onClose.run();
    }

    private static int requireFound(UUID deliveryId, int updated) {
        if (updated == 0) {
            throw new NotFoundException("delivery " + deliveryId + " does not exist");
        }
        return updated;
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }

    private static <T> List<T> column(List<Delivery> deliveries, Function<Delivery, T> field) {
        return deliveries.stream().map(field).toList();
    }

    private static String prefixed(String alias) {
        return alias + COLUMNS.replace(", ", ", " + alias);
    }

    /** The dead letters a {@link DeadLetterQuery} selects, as a WHERE clause with named parameters. */
    private record DeadLetterSql(String text, Map<String, Object> parameters) {
        static DeadLetterSql of(DeadLetterQuery q) {
            StringBuilder sql = new StringBuilder("status = 'dead' AND seq > :after");
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("after", q.after());
            if (q.tenantId() != null) {
                sql.append(" AND tenant_id = :tenant");
                params.put("tenant", q.tenantId());
            }
            if (q.subscriptionId() != null) {
                sql.append(" AND subscription_id = :subscription");
                params.put("subscription", q.subscriptionId());
            }
            if (q.eventType() != null) {
                sql.append(" AND event_type = :type");
                params.put("type", q.eventType());
            }
            return new DeadLetterSql(sql.toString(), params);
        }

        <S extends SqlStatement<S>> S bind(S statement) {
            parameters.forEach(statement::bind);
            return statement;
        }
    }
}

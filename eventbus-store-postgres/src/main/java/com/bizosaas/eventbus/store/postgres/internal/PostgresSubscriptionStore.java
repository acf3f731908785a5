package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.filtering.EventFilter;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link SubscriptionStore} on PostgreSQL. Subscriptions are read without a tenant (dispatch
 * matches all of them, and platform subscriptions have none), so it works in the system scope.
 * Thread-safe.
 */
public final class PostgresSubscriptionStore implements SubscriptionStore {
    private static final String COLUMNS = "id, tenant_id, event_pattern, service_name, delivery_mode, webhook_url, "
            + "secret, max_attempts, format, ordered, status, created_at, disabled_reason, disabled_at, filter, "
            + "max_per_second";

    private static final RowMapper<Subscription> MAPPER = (rs, ctx) -> new Subscription(
            rs.getObject("id", UUID.class),
            rs.getObject("tenant_id", UUID.class),
            rs.getString("event_pattern"),
            rs.getString("service_name"),
            DeliveryMode.valueOf(rs.getString("delivery_mode")),
            rs.getString("webhook_url"),
            rs.getString("secret"),
            rs.getInt("max_attempts"),
            PayloadFormat.valueOf(rs.getString("format")),
            rs.getBoolean("ordered"),
            SubscriptionStatus.valueOf(rs.getString("status")),
            Json.instant(rs, "created_at"),
            rs.getString("disabled_reason"),
            Json.instant(rs, "disabled_at"),
            filter(rs.getString("filter")),
            (Integer) rs.getObject("max_per_second"));

    private final Transactions transactions;
    private final Runnable onClose;

    /**
     * @param onClose releases this store's share of the database; may run more than once
     */
    public PostgresSubscriptionStore(Transactions transactions, Runnable onClose) {
        this.transactions = transactions;
        this.onClose = onClose;
    }

    @Override
    public Subscription save(Subscription s) {
        transactions.asSystem("saving a subscription", handle -> handle.createUpdate("""
                        INSERT INTO subscriptions (""" + COLUMNS + """
                        ) VALUES (:id, CAST(:tenant AS uuid), :pattern, :service, :mode, :url, :secret, :maxAttempts,
                                  :format, :ordered, :status, CAST(:createdAt AS timestamptz), :disabledReason,
                                  CAST(:disabledAt AS timestamptz), CAST(:filter AS jsonb), :maxPerSecond)
                        ON CONFLICT (id) DO UPDATE SET
                            tenant_id = EXCLUDED.tenant_id, event_pattern = EXCLUDED.event_pattern,
                            service_name = EXCLUDED.service_name, delivery_mode = EXCLUDED.delivery_mode,
                            webhook_url = EXCLUDED.webhook_url, secret = EXCLUDED.secret,
                            max_attempts = EXCLUDED.max_attempts, format = EXCLUDED.format,
                            ordered = EXCLUDED.ordered, status = EXCLUDED.status, created_at = EXCLUDED.created_at,
                            disabled_reason = EXCLUDED.disabled_reason, disabled_at = EXCLUDED.disabled_at,
                            filter = EXCLUDED.filter, max_per_second = EXCLUDED.max_per_second""")
                .bind("id", s.id())
                .bind("tenant", s.tenantId())
                .bind("pattern", s.eventPattern())
                .bind("service", s.serviceName())
                .bind("mode", s.mode().name())
                .bind("url", s.webhookUrl())
                .bind("secret", s.secret())
                .bind("maxAttempts", s.maxAttempts())
                .bind("format", s.format().name())
                .bind("ordered", s.ordered())
                .bind("status", s.status().name())
                .bind("createdAt", Json.utc(s.createdAt()))
                .bind("disabledReason", s.disabledReason())
                .bind("disabledAt", Json.utc(s.disabledAt()))
                .bind("filter", s.filter() == null ? null : Json.write(s.filter()))
                .bind("maxPerSecond", s.maxPerSecond())
                .execute());
        return s;
    }

    @Override
    public Optional<Subscription> find(UUID id) {
        return transactions.asSystem("finding a subscription", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne());
    }

    /** Oldest first by creation time (those without one first), then by id. */
    @Override
    public List<Subscription> list() {
        return transactions.asSystem("listing subscriptions", handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM subscriptions ORDER BY created_at NULLS FIRST, id")
                .map(MAPPER)
                .list());
    }

    @Override
    public boolean delete(UUID id) {
        return transactions.asSystem("deleting a subscription", handle -> handle.createUpdate(
                        "DELETE FROM subscriptions WHERE id = :id")
                .bind("id", id)
                .execute()) > 0;
    }

    @Override
    public void saveCircuit(CircuitState c) {
        transactions.asSystem("saving a circuit breaker state", handle -> handle.createUpdate("""
                        INSERT INTO subscription_circuits (subscription_id, tenant_id, state, consecutive_failures,
                                                           reason, failing_since, opened_at, next_probe_at)
                        SELECT :id, CAST(:tenant AS uuid), :state, :failures, :reason,
                               CAST(:failingSince AS timestamptz), CAST(:openedAt AS timestamptz),
                               CAST(:nextProbeAt AS timestamptz)
                        WHERE EXISTS (SELECT 1 FROM subscriptions WHERE id = :id)
                        ON CONFLICT (subscription_id) DO UPDATE SET
                            state = EXCLUDED.state, consecutive_failures = EXCLUDED.consecutive_failures,
                            reason = EXCLUDED.reason, failing_since = EXCLUDED.failing_since,
                            opened_at = EXCLUDED.opened_at, next_probe_at = EXCLUDED.next_probe_at""")
                .bind("id", c.subscriptionId())
                .bind("tenant", c.tenantId())
                .bind("state", c.state().name())
                .bind("failures", c.consecutiveFailures())
                .bind("reason", c.reason())
                .bind("failingSince", Json.utc(c.failingSince()))
                .bind("openedAt", Json.utc(c.openedAt()))
                .bind("nextProbeAt", Json.utc(c.nextProbeAt()))
                .execute());
    }

    @Override
    public List<CircuitState> circuits() {
        return transactions.asSystem("reading circuit breaker states", handle -> handle.createQuery(
                        "SELECT * FROM subscription_circuits")
                .map((rs, ctx) -> new CircuitState(
                        rs.getObject("subscription_id", UUID.class),
                        rs.getObject("tenant_id", UUID.class),
                        CircuitState.State.valueOf(rs.getString("state")),
                        rs.getInt("consecutive_failures"),
                        rs.getString("reason"),
                        Json.instant(rs, "failing_since"),
                        Json.instant(rs, "opened_at"),
                        Json.instant(rs, "next_probe_at")))
                .list());
    }

    private static EventFilter filter(String json) {
        return json == null ? null : EventFilter.of(Json.read(json, new TypeReference<JsonNode>() { }));
    }

    /** Releases this store's share of the database. */
    @Override
    public void close() {
        onClose.run();
    }
}

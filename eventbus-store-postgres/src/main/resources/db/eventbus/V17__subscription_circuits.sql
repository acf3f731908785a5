-- Issue 20: a webhook subscription's circuit breaker, shared by every instance (each counts the
-- failures its deliveries meet into the same row) and kept across restarts. Deleted with the
-- subscription. Row-level security as on the other tables: the store reads it in the system scope.
CREATE TABLE subscription_circuits (
    subscription_id      uuid        PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
    tenant_id            uuid,
    state                text        NOT NULL,
    consecutive_failures integer     NOT NULL,
    reason               text,
    failing_since        timestamptz,
    opened_at            timestamptz,
    next_probe_at        timestamptz
);

GRANT SELECT, INSERT, UPDATE, DELETE ON subscription_circuits TO ${appRole};
ALTER TABLE subscription_circuits ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON subscription_circuits TO ${appRole} USING (tenant_id = current_tenant());
CREATE POLICY system_scope ON subscription_circuits TO ${appRole} USING (in_system_scope());

-- Subscriptions and the delivery schedule (pending retries, leases, dead letters).

CREATE TABLE subscriptions (
    id            uuid    PRIMARY KEY,
    tenant_id     uuid,
    event_pattern text    NOT NULL,
    service_name  text    NOT NULL,
    delivery_mode text    NOT NULL,
    webhook_url   text,
    secret        text,
    max_attempts  integer NOT NULL,
    format        text    NOT NULL,
    ordered       boolean NOT NULL,
    status        text    NOT NULL,
    created_at    timestamptz
);

CREATE TABLE deliveries (
    id              uuid        PRIMARY KEY,
    seq             bigint      GENERATED ALWAYS AS IDENTITY,
    subscription_id uuid        NOT NULL,
    tenant_id       uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    position        bigint      NOT NULL,
    ordering_key    text,
    status          text        NOT NULL
        CHECK (status IN ('pending', 'leased', 'delivered', 'dead', 'discarded')),
    attempts        integer     NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    lease_until     timestamptz,
    replay_id       uuid,
    created_at      timestamptz NOT NULL,
    attempt_log     jsonb       NOT NULL,
    -- When the delivery can next be claimed: its attempt time, or the end of its lease.
    due_at          timestamptz GENERATED ALWAYS AS (
        CASE status WHEN 'pending' THEN next_attempt_at WHEN 'leased' THEN lease_until END) STORED
);

-- Enqueue is idempotent on (subscription, event, replay).
CREATE UNIQUE INDEX deliveries_once
    ON deliveries (subscription_id, event_id, coalesce(replay_id, '00000000-0000-0000-0000-000000000000'));
-- Claiming walks the tenants with open work per subscription, then their due rows.
CREATE INDEX deliveries_open ON deliveries (subscription_id, tenant_id, due_at)
    WHERE status IN ('pending', 'leased');
-- The ordering rule looks for an earlier open delivery of the same subscription and key.
CREATE INDEX deliveries_ordering ON deliveries (subscription_id, ordering_key, position)
    WHERE status IN ('pending', 'leased') AND ordering_key IS NOT NULL;
CREATE INDEX deliveries_dead ON deliveries (seq) WHERE status = 'dead';
CREATE INDEX deliveries_finished ON deliveries (created_at) WHERE status IN ('delivered', 'discarded');

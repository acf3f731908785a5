-- The event store. Flyway runs this as the schema owner, with search_path set to the schema.
--
-- events is partitioned by day on "time" so that retention drops whole partitions. A unique
-- constraint on a partitioned table must contain the partition key, which would make event-id,
-- idempotency-key and stream-version uniqueness per day only. Those constraints therefore live on
-- event_keys, a narrow unpartitioned table with one row per event, written in the same
-- transaction; it also maps an event id to the (tenant, position, time) that locates its row.

CREATE TABLE events (
    tenant_id       uuid        NOT NULL,
    position        bigint      NOT NULL,
    time            timestamptz NOT NULL,
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    version         integer     NOT NULL,
    source_service  text        NOT NULL,
    priority        text        NOT NULL,
    subject         text,
    correlation_id  text,
    causation_id    text,
    target_services jsonb       NOT NULL,
    data            jsonb       NOT NULL,
    metadata        jsonb       NOT NULL,
    idempotency_key text,
    stream_version  bigint,
    PRIMARY KEY (tenant_id, position, time)
) PARTITION BY RANGE (time);

-- History by type and time; by subject in position order. (tenant, position) is the primary key.
CREATE INDEX events_tenant_type_time ON events (tenant_id, event_type, time);
CREATE INDEX events_tenant_subject ON events (tenant_id, subject, position) WHERE subject IS NOT NULL;

-- Catches events outside the partitions the store creates ahead, so an insert is never refused.
CREATE TABLE events_default PARTITION OF events DEFAULT;

CREATE TABLE event_keys (
    tenant_id       uuid        NOT NULL,
    event_id        uuid        NOT NULL,
    position        bigint      NOT NULL,
    time            timestamptz NOT NULL,
    idempotency_key text,
    stream_id       text,
    stream_version  bigint,
    PRIMARY KEY (tenant_id, event_id),
    CONSTRAINT event_keys_position UNIQUE (tenant_id, position),
    CONSTRAINT event_keys_stream CHECK ((stream_id IS NULL) = (stream_version IS NULL))
);
CREATE UNIQUE INDEX event_keys_idempotency ON event_keys (tenant_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX event_keys_stream_version ON event_keys (tenant_id, stream_id, stream_version)
    WHERE stream_id IS NOT NULL;
CREATE INDEX event_keys_time ON event_keys (time);

-- The last position handed out per tenant. Appends lock the tenant's row until they commit, so
-- positions become visible in order and a reader never skips one that commits late.
CREATE TABLE tenant_positions (
    tenant_id     uuid   PRIMARY KEY,
    last_position bigint NOT NULL
) WITH (fillfactor = 50);

-- Stored events the broker has not confirmed yet; a row is deleted on confirmation. The relay
-- goes by when an event was stored, not by its own time, which a publisher may have set.
CREATE TABLE outbox (
    event_id  uuid        NOT NULL,
    tenant_id uuid        NOT NULL,
    position  bigint      NOT NULL,
    time      timestamptz NOT NULL,
    stored_at timestamptz NOT NULL,
    PRIMARY KEY (event_id, tenant_id)
);
CREATE INDEX outbox_stored_at ON outbox (stored_at);

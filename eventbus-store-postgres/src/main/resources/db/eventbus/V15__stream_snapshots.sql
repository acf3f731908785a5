-- The latest snapshot of each event-sourced stream: an aggregate's state as of a stream version,
-- so loading it reads only the events after that version.
CREATE TABLE stream_snapshots (
    tenant_id  uuid        NOT NULL,
    stream_id  text        NOT NULL,
    version    bigint      NOT NULL CHECK (version >= 1),
    state      jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, stream_id)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON stream_snapshots TO ${appRole};

ALTER TABLE stream_snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON stream_snapshots TO ${appRole} USING (tenant_id = current_tenant());
CREATE POLICY system_scope ON stream_snapshots TO ${appRole} USING (in_system_scope());

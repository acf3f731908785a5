-- What the platform sets per tenant, shared by every instance: its rate-limit override and its
-- encryption policy (mode off, all or types, with the types listed).
CREATE TABLE tenant_settings (
    tenant_id              uuid PRIMARY KEY,
    rate_limit_per_second  integer,
    rate_limit_burst       integer,
    encryption_mode        text,
    encryption_types       text[]
);

-- Tenants' data keys, wrapped (AES-256-GCM) by the master key, which is never stored. Deleting a
-- tenant's rows crypto-shreds its encrypted events.
CREATE TABLE data_keys (
    tenant_id   uuid NOT NULL,
    version     integer NOT NULL,
    wrapped     bytea NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

GRANT SELECT, INSERT, UPDATE ON tenant_settings TO ${appRole};
GRANT SELECT, INSERT, DELETE ON data_keys TO ${appRole};

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['tenant_settings', 'data_keys']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_rows ON %I TO ${appRole} USING (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY system_scope ON %I TO ${appRole} USING (in_system_scope())', t);
    END LOOP;
END
$$;

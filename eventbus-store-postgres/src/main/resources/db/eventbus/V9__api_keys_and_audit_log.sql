-- Managed API keys: only the SHA-256 of the secret is kept (the secret is shown once, at
-- creation). tenant_id null is a platform key. Keys are looked up across tenants (the caller is
-- not known yet), so the store reads them in the system scope.
CREATE TABLE api_keys (
    id          uuid PRIMARY KEY,
    secret_hash bytea NOT NULL UNIQUE,
    name        text NOT NULL,
    tenant_id   uuid,
    scopes      text[] NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz,
    revoked_at  timestamptz
);

CREATE INDEX api_keys_by_tenant ON api_keys (tenant_id, created_at);

-- Administrative actions, append-only. sequence orders the log and is the paging cursor.
CREATE TABLE audit_log (
    sequence       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time           timestamptz NOT NULL,
    actor_key_id   uuid,
    actor_name     text NOT NULL,
    tenant_id      uuid,
    action         text NOT NULL,
    target         text,
    details        jsonb NOT NULL
);

CREATE INDEX audit_log_by_tenant ON audit_log (tenant_id, sequence DESC);

GRANT SELECT, INSERT, UPDATE ON api_keys TO ${appRole};
GRANT SELECT, INSERT ON audit_log TO ${appRole};

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['api_keys', 'audit_log']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_rows ON %I TO ${appRole} USING (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY system_scope ON %I TO ${appRole} USING (in_system_scope())', t);
    END LOOP;
END
$$;

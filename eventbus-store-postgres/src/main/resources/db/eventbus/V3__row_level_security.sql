-- The application does not use the owner's rights: every pooled connection runs SET ROLE
-- ${appRole}, a role that owns nothing and cannot bypass row-level security. A transaction sees
-- a tenant's rows only after setting app.tenant_id to that tenant (set_config(..., true), so it
-- ends with the transaction). Cross-tenant work of the store itself (group commit, the outbox
-- relay, claiming deliveries, subscriptions, which have no tenant parameter) sets
-- app.scope = 'system' instead. Migrations and partition maintenance run as the owner.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
        CREATE ROLE ${appRole} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    END IF;
EXCEPTION
    -- Roles are cluster-wide: another schema's migration may have created it concurrently.
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

-- Lets the owner's sessions SET ROLE to it (a no-op for a superuser).
GRANT ${appRole} TO CURRENT_USER;

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE
    ON events, event_keys, tenant_positions, outbox, subscriptions, deliveries TO ${appRole};

CREATE FUNCTION current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

CREATE FUNCTION in_system_scope() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('app.scope', true) = 'system', false) $$;

GRANT EXECUTE ON FUNCTION current_tenant(), in_system_scope() TO ${appRole};

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['events', 'event_keys', 'tenant_positions', 'outbox', 'subscriptions', 'deliveries']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_rows ON %I TO ${appRole} USING (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY system_scope ON %I TO ${appRole} USING (in_system_scope())', t);
    END LOOP;
END
$$;

-- The schema registry: JSON Schemas per (tenant, or every tenant when tenant_id is null, event
-- type, version), and each type's compatibility setting. A primary key cannot hold a null, so
-- the scope column names the global scope with the nil UUID.
CREATE TABLE event_schemas (
    tenant_id  uuid,
    scope      uuid        GENERATED ALWAYS AS (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000')) STORED,
    event_type text        NOT NULL,
    version    integer     NOT NULL CHECK (version >= 1),
    schema     jsonb       NOT NULL,
    upcast     jsonb       NOT NULL DEFAULT '[]',
    created_at timestamptz NOT NULL,
    PRIMARY KEY (scope, event_type, version)
);

CREATE TABLE schema_compatibility (
    tenant_id     uuid,
    scope         uuid GENERATED ALWAYS AS (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000')) STORED,
    event_type    text NOT NULL,
    compatibility text NOT NULL CHECK (compatibility IN ('BACKWARD', 'FORWARD', 'FULL', 'NONE')),
    PRIMARY KEY (scope, event_type)
);

GRANT SELECT, INSERT, UPDATE ON event_schemas, schema_compatibility TO ${appRole};

-- Tenants' rows as in V3; the registry reads a tenant's and the global rows together, in the
-- system scope.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['event_schemas', 'schema_compatibility']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_rows ON %I TO ${appRole} USING (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY system_scope ON %I TO ${appRole} USING (in_system_scope())', t);
    END LOOP;
END
$$;

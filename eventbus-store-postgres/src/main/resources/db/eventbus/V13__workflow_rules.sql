-- Workflow rules of the agent coordinator: "on event X (when a condition holds) publish Y".
-- tenant_id is null for a platform rule that acts on every tenant's events.

CREATE TABLE workflow_rules (
    id         uuid PRIMARY KEY,
    tenant_id  uuid,
    created_at timestamptz NOT NULL,
    body       jsonb       NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON workflow_rules TO ${appRole};

ALTER TABLE workflow_rules ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON workflow_rules TO ${appRole} USING (tenant_id = current_tenant());
CREATE POLICY system_scope ON workflow_rules TO ${appRole} USING (in_system_scope());

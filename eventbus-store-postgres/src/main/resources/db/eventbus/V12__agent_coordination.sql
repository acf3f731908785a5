-- The AI agent coordinator's state (CoordinationStore). Each row keeps its record as JSON in
-- body; the columns beside it are what queries filter on and what the store changes atomically:
-- an agent's load (active_tasks, never above capacity) moves with its tasks in one transaction,
-- and tasks and requests are replaced only over the version they were read at.

CREATE TABLE agents (
    id               uuid PRIMARY KEY,
    tenant_id        uuid,
    status           text        NOT NULL,
    capacity         integer     NOT NULL CHECK (capacity > 0),
    active_tasks     integer     NOT NULL DEFAULT 0 CHECK (active_tasks >= 0),
    last_heartbeat   timestamptz NOT NULL,
    last_assigned_at timestamptz,
    registered_at    timestamptz NOT NULL,
    body             jsonb       NOT NULL
);

CREATE TABLE agent_requests (
    id        uuid PRIMARY KEY,
    tenant_id uuid   NOT NULL,
    version   bigint NOT NULL,
    body      jsonb  NOT NULL
);

CREATE TABLE agent_tasks (
    id         uuid PRIMARY KEY,
    request_id uuid        NOT NULL REFERENCES agent_requests (id) ON DELETE CASCADE,
    position   integer     NOT NULL,
    tenant_id  uuid        NOT NULL,
    status     text        NOT NULL,
    agent_id   uuid,
    due_at     timestamptz,
    created_at timestamptz NOT NULL,
    version    bigint      NOT NULL,
    body       jsonb       NOT NULL
);

CREATE INDEX agent_tasks_of_request ON agent_tasks (request_id, position);
-- The sweeper's query: waiting tasks and held ones by deadline; final tasks are not indexed.
CREATE INDEX agent_tasks_open ON agent_tasks (created_at, id) WHERE status IN ('SUBMITTED', 'ASSIGNED', 'WORKING');
CREATE INDEX agent_tasks_held ON agent_tasks (agent_id) WHERE status IN ('ASSIGNED', 'WORKING');

GRANT SELECT, INSERT, UPDATE, DELETE ON agents, agent_requests, agent_tasks TO ${appRole};

-- As for events (V3): a tenant's scope sees its rows, the system scope (the coordinator) all.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agents', 'agent_requests', 'agent_tasks']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_rows ON %I TO ${appRole} USING (tenant_id = current_tenant())', t);
        EXECUTE format('CREATE POLICY system_scope ON %I TO ${appRole} USING (in_system_scope())', t);
    END LOOP;
END
$$;

package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.agents.Agent;
import com.bizosaas.eventbus.agents.AgentStatus;
import com.bizosaas.eventbus.agents.AgentTask;
import com.bizosaas.eventbus.agents.AnalysisRequest;
import com.bizosaas.eventbus.agents.WorkflowRule;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * {@link CoordinationStore} on PostgreSQL (tables of {@code V12__agent_coordination.sql} and
 * {@code V13__workflow_rules.sql}). A task move locks the task's row ({@code FOR UPDATE}) and
 * compares its version, then takes the new agent's slot with one conditional update (live, below
 * capacity), so two coordinators on one database never both move a task nor overfill an agent;
 * silent agents are marked gone by one {@code UPDATE ... RETURNING}, so each goes to one caller.
 * The coordinator works across tenants, so everything runs in the system scope. Thread-safe.
 */
public final class PostgresCoordinationStore implements CoordinationStore {
    private static final TypeReference<Agent> AGENT = new TypeReference<>() { };
    private static final TypeReference<AgentTask> TASK = new TypeReference<>() { };
    private static final TypeReference<AnalysisRequest> REQUEST = new TypeReference<>() { };
    private static final TypeReference<WorkflowRule> RULE = new TypeReference<>() { };
    private static final String HELD = "('ASSIGNED', 'WORKING')";
    private static final String AGENT_COLUMNS = "body, status, last_heartbeat, active_tasks, last_assigned_at";

    /** The registration from body, the live state from the columns the store keeps. */
    private static final RowMapper<Agent> AGENT_ROW = (rs, ctx) -> Json.read(rs.getString("body"), AGENT)
            .withStatus(AgentStatus.valueOf(rs.getString("status")), Json.instant(rs, "last_heartbeat"))
            .withLoad(rs.getInt("active_tasks"), Json.instant(rs, "last_assigned_at"));
    private static final RowMapper<AgentTask> TASK_ROW = (rs, ctx) -> Json.read(rs.getString("body"), TASK);

    private final Transactions transactions;
    private final Runnable onClose;

    /** @param onClose releases this store's share of the database; may run more than once */
    public PostgresCoordinationStore(Transactions transactions, Runnable onClose) {
        this.transactions = transactions;
        this.onClose = onClose;
    }

    @Override
    public Agent saveAgent(Agent agent) {
        return transactions.asSystem("saving an agent", h -> h.createQuery("""
                        INSERT INTO agents (id, tenant_id, status, capacity, last_heartbeat, registered_at, body)
                        VALUES (:id, CAST(:tenant AS uuid), :status, :capacity, :heartbeat, :registered,
                                CAST(:body AS jsonb))
                        ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, status = EXCLUDED.status,
                            capacity = EXCLUDED.capacity, last_heartbeat = EXCLUDED.last_heartbeat,
                            body = EXCLUDED.body
                        RETURNING\s""" + AGENT_COLUMNS)
                .bind("id", agent.id())
                .bind("tenant", agent.tenantId())
                .bind("status", agent.status().name())
                .bind("capacity", agent.capacity())
                .bind("heartbeat", Json.utc(agent.lastHeartbeat()))
                .bind("registered", Json.utc(agent.registeredAt()))
                .bind("body", Json.write(agent.withLoad(0, null)))
                .map(AGENT_ROW)
                .one());
    }

    @Override
    public Optional<Agent> findAgent(UUID id) {
        return transactions.asSystem("finding an agent", h -> h.createQuery(
                        "SELECT " + AGENT_COLUMNS + " FROM agents WHERE id = :id")
                .bind("id", id).map(AGENT_ROW).findOne());
    }

    @Override
    public List<Agent> agents() {
        return transactions.asSystem("listing agents", h -> h.createQuery(
                        "SELECT " + AGENT_COLUMNS + " FROM agents ORDER BY registered_at, id")
                .map(AGENT_ROW).list());
    }

    @Override
    public boolean deleteAgent(UUID id) {
        return transactions.asSystem("deleting an agent", h -> h.createUpdate("DELETE FROM agents WHERE id = :id")
                .bind("id", id).execute()) > 0;
    }

    @Override
    public Optional<Agent> heartbeat(UUID id, Instant at) {
        return transactions.asSystem("recording a heartbeat", h -> h.createQuery(
                        "UPDATE agents SET status = 'LIVE', last_heartbeat = :at WHERE id = :id RETURNING "
                                + AGENT_COLUMNS)
                .bind("id", id).bind("at", Json.utc(at)).map(AGENT_ROW).findOne());
    }

    @Override
    public List<Agent> markGone(Instant silentSince) {
        return transactions.asSystem("marking silent agents gone", h -> h.createQuery(
                        "UPDATE agents SET status = 'GONE' WHERE status = 'LIVE' AND last_heartbeat < :since RETURNING "
                                + AGENT_COLUMNS)
                .bind("since", Json.utc(silentSince)).map(AGENT_ROW).list());
    }

    @Override
    public boolean createRequest(AnalysisRequest request, List<AgentTask> tasks) {
        return transactions.asSystem("creating an analysis request", h -> {
            int created = h.createUpdate("""
                            INSERT INTO agent_requests (id, tenant_id, version, body)
                            VALUES (:id, :tenant, :version, CAST(:body AS jsonb)) ON CONFLICT (id) DO NOTHING""")
                    .bind("id", request.id())
                    .bind("tenant", request.tenantId())
                    .bind("version", request.version())
                    .bind("body", Json.write(request))
                    .execute();
            if (created == 0) {
                return false;
            }
            for (int i = 0; i < tasks.size(); i++) {
                AgentTask t = tasks.get(i);
                h.createUpdate("""
                                INSERT INTO agent_tasks (id, request_id, position, tenant_id, status, agent_id, due_at,
                                                         created_at, version, body)
                                VALUES (:id, :request, :position, :tenant, :status, CAST(:agent AS uuid), :due,
                                        :created, :version, CAST(:body AS jsonb))""")
                        .bind("id", t.id())
                        .bind("request", request.id())
                        .bind("position", i)
                        .bind("tenant", t.tenantId())
                        .bind("status", t.status().name())
                        .bind("agent", t.agentId())
                        .bind("due", Json.utc(t.dueAt()))
                        .bind("created", Json.utc(t.createdAt()))
                        .bind("version", t.version())
                        .bind("body", Json.write(t))
                        .execute();
            }
            return true;
        });
    }

    @Override
    public Optional<AnalysisRequest> findRequest(UUID id) {
        return transactions.asSystem("finding an analysis request", h -> h.createQuery(
                        "SELECT body FROM agent_requests WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> Json.read(rs.getString("body"), REQUEST)).findOne());
    }

    @Override
    public boolean updateRequest(AnalysisRequest current, AnalysisRequest next) {
        return transactions.asSystem("updating an analysis request", h -> h.createUpdate("""
                        UPDATE agent_requests SET version = :next, body = CAST(:body AS jsonb)
                        WHERE id = :id AND version = :current""")
                .bind("id", current.id())
                .bind("current", current.version())
                .bind("next", next.version())
                .bind("body", Json.write(next))
                .execute()) > 0;
    }

    @Override
    public Optional<AgentTask> findTask(UUID id) {
        return transactions.asSystem("finding a task", h -> h.createQuery("SELECT body FROM agent_tasks WHERE id = :id")
                .bind("id", id).map(TASK_ROW).findOne());
    }

    @Override
    public List<AgentTask> tasksOf(UUID requestId) {
        return transactions.asSystem("listing a request's tasks", h -> h.createQuery(
                        "SELECT body FROM agent_tasks WHERE request_id = :request ORDER BY position")
                .bind("request", requestId).map(TASK_ROW).list());
    }

    @Override
    public boolean updateTask(AgentTask current, AgentTask next, Instant now) {
        UUID freed = current.status().holdsAgent() ? current.agentId() : null;
        UUID taken = next.status().holdsAgent() ? next.agentId() : null;
        return transactions.asSystem("moving a task", h -> {
            // The task's row lock serialises moves of one task; agents are locked only after it, never before.
            Long stored = h.createQuery("SELECT version FROM agent_tasks WHERE id = :id FOR UPDATE")
                    .bind("id", current.id()).mapTo(Long.class).findOne().orElse(null);
            if (stored == null || stored != current.version()) {
                return false;
            }
            if (taken != null && !taken.equals(freed) && !takeSlot(h, taken, now)) {
                return false;
            }
            h.createUpdate("""
                            UPDATE agent_tasks SET status = :status, agent_id = CAST(:agent AS uuid), due_at = :due,
                                                   version = :version, body = CAST(:body AS jsonb)
                            WHERE id = :id""")
                    .bind("id", next.id())
                    .bind("status", next.status().name())
                    .bind("agent", next.agentId())
                    .bind("due", Json.utc(next.dueAt()))
                    .bind("version", next.version())
                    .bind("body", Json.write(next))
                    .execute();
            if (freed != null && !freed.equals(taken)) {
                h.createUpdate("UPDATE agents SET active_tasks = greatest(active_tasks - 1, 0) WHERE id = :id")
                        .bind("id", freed).execute();
            }
            return true;
        });
    }

    private static boolean takeSlot(Handle h, UUID agent, Instant now) {
        return h.createUpdate("""
                        UPDATE agents SET active_tasks = active_tasks + 1, last_assigned_at = :now
                        WHERE id = :id AND status = 'LIVE' AND active_tasks < capacity""")
                .bind("id", agent).bind("now", Json.utc(now)).execute() > 0;
    }

    @Override
    public List<AgentTask> dueTasks(Instant now, int limit) {
        return transactions.asSystem("finding due tasks", h -> h.createQuery("""
                        SELECT body FROM agent_tasks
                        WHERE status = 'SUBMITTED' OR (status IN\s""" + HELD + """
                         AND due_at <= :now)
                        ORDER BY created_at, id LIMIT :limit""")
                .bind("now", Json.utc(now)).bind("limit", limit).map(TASK_ROW).list());
    }

    @Override
    public List<AgentTask> tasksHeldBy(UUID agentId) {
        return transactions.asSystem("listing an agent's tasks", h -> h.createQuery(
                        "SELECT body FROM agent_tasks WHERE agent_id = :agent AND status IN " + HELD
                                + " ORDER BY created_at, id")
                .bind("agent", agentId).map(TASK_ROW).list());
    }

    @Override
    public WorkflowRule saveRule(WorkflowRule rule) {
        transactions.asSystem("saving a workflow rule", h -> h.createUpdate("""
                        INSERT INTO workflow_rules (id, tenant_id, created_at, body)
                        VALUES (:id, CAST(:tenant AS uuid), :created, CAST(:body AS jsonb))
                        ON CONFLICT (id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, body = EXCLUDED.body""")
                .bind("id", rule.id())
                .bind("tenant", rule.tenantId())
                .bind("created", Json.utc(rule.createdAt() == null ? Instant.now() : rule.createdAt()))
                .bind("body", Json.write(rule))
                .execute());
        return rule;
    }

    @Override
    public Optional<WorkflowRule> findRule(UUID id) {
        return transactions.asSystem("finding a workflow rule", h -> h.createQuery(
                        "SELECT body FROM workflow_rules WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> Json.read(rs.getString("body"), RULE)).findOne());
    }

    @Override
    public List<WorkflowRule> rules() {
        return transactions.asSystem("listing workflow rules", h -> h.createQuery(
                        "SELECT body FROM workflow_rules ORDER BY created_at, id")
                .map((rs, ctx) -> Json.read(rs.getString("body"), RULE)).list());
    }

    @Override
    public boolean deleteRule(UUID id) {
        return transactions.asSystem("deleting a workflow rule", h -> h.createUpdate(
                        "DELETE FROM workflow_rules WHERE id = :id")
                .bind("id", id).execute()) > 0;
    }

    /** Releases this store's share of the database. */
    @Override
    public void close() {
        onClose.run();
    }
}

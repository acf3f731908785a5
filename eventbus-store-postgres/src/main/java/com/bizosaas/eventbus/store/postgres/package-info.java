/**
 * The bus's durable state on PostgreSQL: events, subscriptions and the delivery schedule.
 * Start a {@link com.bizosaas.eventbus.store.postgres.PostgresDatabase} from a
 * {@link com.bizosaas.eventbus.store.postgres.PostgresConfig} (the {@code EVENTBUS_POSTGRES_*}
 * variables) and hand its stores to {@code EventBus.builder()}.
 *
 * <p>How it is laid out:
 * <ul>
 *   <li><b>Events</b> are partitioned by UTC day on their time, so retention
 *       ({@code EVENTBUS_EVENT_TTL_DAYS}) drops whole partitions. Uniqueness that a partitioned table
 *       cannot enforce (event id, idempotency key, stream version, all per tenant) lives in the
 *       unpartitioned {@code event_keys} table, written in the same transaction.</li>
 *   <li><b>Positions</b> come from a per-tenant counter row locked until commit, so they become
 *       visible in order and a reader resuming from a position never skips a late commit.</li>
 *   <li><b>Appends</b> are group committed: one writer thread stores every append that queued up
 *       while the previous transaction ran, in one transaction with a fixed number of statements.</li>
 *   <li><b>The outbox</b> is a small table of stored but undispatched events, flagged on the broker's
 *       confirmation and deleted once dispatched.</li>
 *   <li><b>Tenant isolation</b>: pooled connections act as a role that owns nothing, so row-level
 *       security applies; each transaction sets its tenant, or the system scope for the store's own
 *       cross-tenant work (group commit, outbox, claiming deliveries, subscriptions). Migrations and
 *       partition DDL run as the owner.</li>
 *   <li><b>Deliveries</b> are claimed with {@code FOR UPDATE SKIP LOCKED}, round-robin across
 *       tenants, so instances share the work and one tenant's backlog does not starve the others.</li>
 * </ul>
 */
package com.bizosaas.eventbus.store.postgres;

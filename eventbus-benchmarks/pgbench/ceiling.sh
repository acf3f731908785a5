#!/usr/bin/env bash
# What PostgreSQL alone can do for the two sides of PostgresAppendBenchmark, with no JVM in the way:
# pgbench runs, for 10 s each with 1 and then 2 connections, transactions of 60 lead.created rows
# built inside PostgreSQL, once in the statement shape of the store's group commit (AppendBatch.INSERT:
# event_keys with ON CONFLICT DO NOTHING, events, outbox; keep the two alike) and once as the raw
# insert into events alone, each on emptied tables. Prints events/s and WAL bytes per event for each.
# Diagnostic only (docs/BENCHMARKS.md, Issue 3): the figures of record come from the JMH benchmark,
# which creates schema "bench"; run it once first.
#
# Usage: eventbus-benchmarks/pgbench/ceiling.sh   (PostgreSQL on 127.0.0.1:5432, user postgres, db test)
set -euo pipefail

PSQL=(psql -qtA -h 127.0.0.1 -U postgres test)
work=$(mktemp -d)
trap 'rm -rf "$work"; "${PSQL[@]}" -c "DROP SEQUENCE IF EXISTS bench.ceiling_seq" >/dev/null' EXIT

"${PSQL[@]}" -c "CREATE SEQUENCE IF NOT EXISTS bench.ceiling_seq" >/dev/null

# 60 rows per transaction, about what 64 publishers hand one group commit. Ids are sequential, like
# the time-ordered ids the engine assigns.
rows="batch AS (
  SELECT 'a0000000-0000-0000-0000-000000000001'::uuid AS tenant_id, nextval('bench.ceiling_seq') AS position,
         now() AS time, lpad(to_hex(nextval('bench.ceiling_seq') + (1::bigint << 40)), 32, '0')::uuid AS event_id,
         'lead.created' AS event_type, 1 AS version, 'crm-service' AS source_service, 'normal' AS priority,
         NULL::text AS subject, NULL::text AS correlation_id, NULL::text AS causation_id,
         '[]'::jsonb AS target_services,
         '{\"lead_id\": \"123e4567-e89b-12d3-a456-426614174000\", \"email\": \"john.doe@example.com\", \"first_name\": \"John\", \"last_name\": \"Doe\", \"company\": \"Acme Corp\", \"source\": \"website-form\", \"score\": 42}'::jsonb AS data,
         '{}'::jsonb AS metadata, NULL::text AS idempotency_key, NULL::bigint AS stream_version
  FROM generate_series(1, 60))"
insert_events="INSERT INTO bench.events (tenant_id, position, time, event_id, event_type, version, source_service,
    priority, subject, correlation_id, causation_id, target_services, data, metadata, idempotency_key, stream_version)
  SELECT tenant_id, position, time, event_id, event_type, version, source_service, priority, subject, correlation_id,
         causation_id, target_services, data, metadata, idempotency_key, stream_version FROM batch"

cat >"$work/raw.sql" <<EOF
BEGIN;
WITH $rows $insert_events;
COMMIT;
EOF

cat >"$work/store.sql" <<EOF
BEGIN;
WITH $rows, keys AS (
  INSERT INTO bench.event_keys (tenant_id, event_id, position, time, idempotency_key)
  SELECT tenant_id, event_id, position, time, idempotency_key FROM batch
  ON CONFLICT DO NOTHING RETURNING tenant_id, event_id
), stored AS (
  $insert_events JOIN keys USING (tenant_id, event_id)
), unconfirmed AS (
  INSERT INTO bench.outbox (event_id, tenant_id, position, time, stored_at)
  SELECT event_id, tenant_id, position, time, now() FROM batch JOIN keys USING (tenant_id, event_id)
)
SELECT count(*) FROM keys;
COMMIT;
EOF

for clients in 1 2; do
  for side in store raw; do
    start=$("${PSQL[@]}" -c "TRUNCATE bench.events, bench.event_keys, bench.outbox" -c "SELECT pg_current_wal_insert_lsn()")
    tps=$(pgbench -h 127.0.0.1 -U postgres -n -f "$work/$side.sql" -T 10 -c "$clients" -j "$clients" test 2>&1 \
          | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    "${PSQL[@]}" -c "SELECT format('%-5s %s connection(s): %s events/s, %s WAL bytes per event', '$side', $clients,
        round($tps * 60), round(pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '$start') / count(*))) FROM bench.events"
  done
done

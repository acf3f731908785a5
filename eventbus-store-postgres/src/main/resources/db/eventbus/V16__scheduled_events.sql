-- Issue 20: scheduled publish. An event may carry the time it is to be dispatched (deliver_at,
-- shown in the history). Such an event is stored and positioned at once, but its outbox row
-- carries the due time and is left out of the relay's reads until the release hands it to the
-- broker, which clears due_at; so a schedule survives restarts and needs no broker feature.
ALTER TABLE events ADD COLUMN deliver_at timestamptz;
ALTER TABLE outbox ADD COLUMN due_at timestamptz;
CREATE INDEX outbox_due ON outbox (due_at, tenant_id, position) WHERE due_at IS NOT NULL;

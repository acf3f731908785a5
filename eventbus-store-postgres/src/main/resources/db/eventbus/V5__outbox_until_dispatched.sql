-- Issue 25: an event stays in the outbox until it has been dispatched, whatever the broker, because
-- a broker may lose what it confirmed (a Redis restarted without persistence, a trimmed stream).
-- The broker's confirmation only sets `confirmed`, so the relay republishes what the broker never
-- took and leaves a lagging dispatcher alone; when the broker reports a loss, `confirmed` is
-- cleared and the relay republishes the undispatched backlog. The relay reads unconfirmed rows
-- only, so only they are indexed.
ALTER TABLE outbox ADD COLUMN confirmed boolean NOT NULL DEFAULT false;
DROP INDEX outbox_stored_at;
CREATE INDEX outbox_unconfirmed ON outbox (stored_at) WHERE NOT confirmed;

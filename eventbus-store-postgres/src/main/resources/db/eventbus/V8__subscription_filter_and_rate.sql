-- A subscription's content filter (EventBridge pattern syntax) and its webhook delivery rate;
-- null when it has none.
ALTER TABLE subscriptions
    ADD COLUMN filter         jsonb,
    ADD COLUMN max_per_second integer;

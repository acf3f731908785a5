-- Why and when the bus disabled a subscription (a webhook answered 410 Gone); null unless disabled.
ALTER TABLE subscriptions
    ADD COLUMN disabled_reason text,
    ADD COLUMN disabled_at     timestamptz;

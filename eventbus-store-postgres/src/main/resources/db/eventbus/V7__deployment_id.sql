-- One row naming the data in this schema: every instance on this store dispatches as this
-- deployment, and brokers refuse to mix it with another store's instances in one group.
CREATE TABLE deployment (
    id         uuid        PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO deployment (id) VALUES (gen_random_uuid());

GRANT SELECT ON deployment TO ${appRole};

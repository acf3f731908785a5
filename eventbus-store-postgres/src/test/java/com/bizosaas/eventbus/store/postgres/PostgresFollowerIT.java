package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.FollowerContract;
import com.bizosaas.eventbus.spi.EventStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Catch-up subscriptions on PostgreSQL, where the group commit assigns positions to concurrent publishers. */
class PostgresFollowerIT extends FollowerContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    /** Closing the event store, as the bus does, releases the database's pool. */
    @Override
    protected EventStore newStore() {
        return PostgresDatabase.start(POSTGRES.newSchema()).eventStore();
    }
}

package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.contract.PublishOrderContract;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 21 item 2 on PostgreSQL: the group commit assigns positions to many publishers' events at once. */
class PostgresPublishOrderIT extends PublishOrderContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    protected MessageBroker newBroker() {
        return new InMemoryMessageBroker();
    }

    /** Closing the event store, as the bus does, releases the database's pool. */
    @Override
    protected EventStore newStore() {
        return PostgresDatabase.start(POSTGRES.newSchema()).eventStore();
    }
}

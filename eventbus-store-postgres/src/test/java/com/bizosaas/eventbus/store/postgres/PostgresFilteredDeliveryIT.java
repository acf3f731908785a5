package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.FilteredDeliveryContract;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Content filters with every store on the real PostgreSQL: the filter is read back from the database. */
class PostgresFilteredDeliveryIT extends FilteredDeliveryContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    protected EventBus newBus() {
        PostgresDatabase db = PostgresDatabase.start(POSTGRES.migratedSchema());
        return EventBus.builder()
                .store(db.eventStore())
                .subscriptionStore(db.subscriptionStore())
                .deliveryStore(db.deliveryStore())
                .broker(new InMemoryMessageBroker())
                .build()
                .start();
    }
}

package com.bizosaas.eventbus.store.postgres;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.CircuitBreakerContract;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Circuit breakers with every store on the real PostgreSQL: the state is read back from the database. */
class PostgresCircuitBreakerIT extends CircuitBreakerContract {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Override
    protected EventBus newBus(EventBus.Builder builder) {
        PostgresDatabase db = PostgresDatabase.start(POSTGRES.migratedSchema());
        return builder
                .store(db.eventStore())
                .subscriptionStore(db.subscriptionStore())
                .deliveryStore(db.deliveryStore())
                .broker(new InMemoryMessageBroker())
                .build()
                .start();
    }
}

package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.contract.MessageBrokerContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared {@link MessageBrokerContract} against the real local Redis. */
class RedisStreamsBrokerIT extends MessageBrokerContract {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Override
    protected MessageBroker newBroker() {
        return RedisStreamsBroker.create(REDIS.config());
    }
}

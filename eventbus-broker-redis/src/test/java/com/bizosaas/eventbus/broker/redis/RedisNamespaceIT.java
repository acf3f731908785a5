package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.contract.NamespaceContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Namespaces on the real Redis: own stream and dispatch group each, and a foreign group refused. */
class RedisNamespaceIT extends NamespaceContract {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Override
    protected MessageBroker newBroker() {
        return RedisStreamsBroker.create(REDIS.config());
    }
}

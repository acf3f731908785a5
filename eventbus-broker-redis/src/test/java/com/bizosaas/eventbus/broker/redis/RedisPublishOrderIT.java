package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.contract.PublishOrderContract;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisPublishOrderIT extends PublishOrderContract {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();

    @Override
    protected MessageBroker newBroker() {
        return RedisStreamsBroker.create(REDIS.config());
    }
}

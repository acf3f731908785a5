package com.bizosaas.eventbus.server;

import java.util.Map;

/** {@link MultiInstanceContract} on Redis Streams (each instance a member of the dispatch group). */
class RedisMultiInstanceIT extends MultiInstanceContract {
    @Override
    protected Map<String, String> broker(String namespace) {
        return Map.of("EVENTBUS_BROKER_TYPE", "redis", "EVENTBUS_NAMESPACE", namespace);
    }

    @Override
    protected String brokerService() {
        return "redis";
    }
}

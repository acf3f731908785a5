package com.bizosaas.eventbus.server;

import java.util.Map;

/** {@link MultiInstanceContract} on RabbitMQ (each instance a consumer of the dispatch queue). */
class RabbitMqMultiInstanceIT extends MultiInstanceContract {
    @Override
    protected Map<String, String> broker(String namespace) {
        return Map.of("EVENTBUS_BROKER_TYPE", "rabbitmq", "EVENTBUS_RABBITMQ_URL", "amqp://guest:guest@127.0.0.1:5672",
                "EVENTBUS_NAMESPACE", namespace);
    }

    @Override
    protected String brokerService() {
        return "rabbitmq";
    }
}

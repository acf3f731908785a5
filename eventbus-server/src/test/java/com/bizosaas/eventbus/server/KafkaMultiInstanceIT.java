package com.bizosaas.eventbus.server;

import java.util.Map;

/** {@link MultiInstanceContract} on Kafka (each instance a member of the dispatch consumer group). */
class KafkaMultiInstanceIT extends MultiInstanceContract {
    @Override
    protected Map<String, String> broker(String namespace) {
        return Map.of("EVENTBUS_BROKER_TYPE", "kafka", "EVENTBUS_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "EVENTBUS_NAMESPACE", namespace);
    }

    @Override
    protected String brokerService() {
        return "kafka";
    }
}

package com.bizosaas.eventbus.broker.kafka;

import com.bizosaas.eventbus.contract.NamespaceContract;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.MessageBroker;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Namespaces on the real Kafka: own topic and dispatch group each, and a foreign group refused. */
class KafkaNamespaceIT extends NamespaceContract {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Override
    protected MessageBroker newBroker() {
        return KafkaBroker.create(KAFKA.config().build());
    }

    @Override
    protected void deleteAfterTest(Namespace namespace) {
        KAFKA.deleteAfterTest(namespace.topic());
    }
}

package com.bizosaas.eventbus.broker.rabbitmq;

import static org.assertj.core.api.Assertions.assertThatCode;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.contract.NamespaceContract;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.MessageBroker;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Namespaces on the real RabbitMQ: own exchange and dispatch queue each, a group owned by another
 * deployment with a live member refused, and handed over once that deployment has stopped.
 */
class RabbitMqNamespaceIT extends NamespaceContract {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    /** Under the extension's exchange prefix, so what each namespace declares is deleted after the class. */
    @Override
    protected MessageBroker newBroker() {
        return RabbitMqBroker.create(RABBIT.config().build());
    }

    @Test
    void aNamespacePassesToAnotherStoreOnceTheDeploymentOwningItHasStopped() {
        Namespace namespace = new Namespace("it-" + UUID.randomUUID().toString().substring(0, 8));
        EventBus.builder().broker(newBroker()).namespace(namespace).build().start().close();

        try (EventBus successor = EventBus.builder().broker(newBroker()).namespace(namespace).build()) {
            assertThatCode(successor::start).doesNotThrowAnyException();
        }
    }
}

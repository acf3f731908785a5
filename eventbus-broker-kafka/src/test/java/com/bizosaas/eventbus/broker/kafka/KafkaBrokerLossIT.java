package com.bizosaas.eventbus.broker.kafka;

import com.bizosaas.eventbus.contract.BrokerLossContract;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.MessageBroker;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine on the real Kafka loses no acknowledged event when its topic is deleted with a backlog. */
class KafkaBrokerLossIT extends BrokerLossContract {
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

    /** The records in the topic: the subscriber holds the dispatcher, so the group has consumed hardly any. */
    @Override
    protected long backlog(Namespace namespace) throws Exception {
        String topic = namespace.topic();
        Map<TopicPartition, OffsetSpec> latest = KAFKA.admin().describeTopics(List.of(topic)).allTopicNames()
                .get(30, TimeUnit.SECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return KAFKA.admin().listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    @Override
    protected void deleteWhatTheDispatchGroupConsumes(Namespace namespace) throws Exception {
        KAFKA.admin().deleteTopics(List.of(namespace.topic())).all().get(30, TimeUnit.SECONDS);
    }
}

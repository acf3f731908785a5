package com.bizosaas.eventbus.broker.rabbitmq;

import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.message;
import static com.bizosaas.eventbus.broker.rabbitmq.TestMessages.routingKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RabbitMqPublishIT {
    @RegisterExtension
    static final RabbitMqExtension RABBIT = new RabbitMqExtension();

    @Test
    void aConfirmedPublishIsStoredPersistentlyInTheGroupQueueWithItsKeyAndHeaders() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("orders");
        broker.subscribe(ConsumerSpec.of(topic, "stored"), message -> {
            throw new AssertionError("this member is closed before anything is published");
        }).close();

        BrokerMessage sent = new BrokerMessage("lead-7", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("event-id", "e-1", "event-type", "lead.created"));
        broker.publish(new Destination(topic, routingKey("lead.created")), List.of(sent)).get(10, TimeUnit.SECONDS);

        try (Channel channel = RABBIT.adminChannel()) {
            GetResponse stored = channel.basicGet(broker.names().queue(topic, "stored"), true);
            assertThat(stored).isNotNull();
            assertThat(stored.getBody()).isEqualTo(sent.payload());
            assertThat(stored.getEnvelope().getExchange()).isEqualTo(broker.names().exchange(topic));
            assertThat(stored.getEnvelope().getRoutingKey()).isEqualTo(routingKey("lead.created"));
            assertThat(stored.getProps().getDeliveryMode()).isEqualTo(2);
            Map<String, Object> headers = stored.getProps().getHeaders();
            assertThat(String.valueOf(headers.get("x-eventbus-key"))).isEqualTo("lead-7");
            assertThat(String.valueOf(headers.get("event-id"))).isEqualTo("e-1");
            assertThat(String.valueOf(headers.get("event-type"))).isEqualTo("lead.created");
        }
    }

    @Test
    void aBatchSpreadOverSeveralPublisherChannelsCompletesOnceEveryMessageIsConfirmed() throws Exception {
        RabbitMqBroker broker = RABBIT.broker(RABBIT.config().publisherChannels(4).build());
        String topic = RabbitMqExtension.unique("batch");
        broker.subscribe(ConsumerSpec.of(topic, "counted"), message -> {
            throw new AssertionError("this member is closed before anything is published");
        }).close();

        List<BrokerMessage> batch = IntStream.range(0, 500).mapToObj(i -> message("key-" + (i % 37), "m" + i))
                .toList();
        broker.publish(new Destination(topic, routingKey("lead.created")), batch).get(20, TimeUnit.SECONDS);

        assertThat(RABBIT.readyMessages(broker.names().queue(topic, "counted"))).isEqualTo(500);
    }

    @Test
    void aPublishNoConsumerGroupIsBoundForFailsAsUnroutable() {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("nobody");
        broker.subscribe(new ConsumerSpec(topic, "leads-only", "*.lead.#", 1, null), message -> { }).close();

        var published = broker.publish(new Destination(topic, routingKey("campaign.started")),
                List.of(message("k", "lost")));

        assertThatThrownBy(() -> published.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnavailableException.class).hasMessageContaining("could not route");
    }

    @Test
    void aMessageTheBrokerRefusesFailsThePublishWithItsNack() throws Exception {
        RabbitMqBroker broker = RABBIT.broker();
        String topic = RabbitMqExtension.unique("full");
        String exchange = broker.names().exchange(topic);
        try (Channel channel = RABBIT.adminChannel()) {
            // A queue that holds nothing and rejects what overflows makes RabbitMQ nack the publish.
            String full = exchange + ".full";
            channel.exchangeDeclare(exchange, "topic", true);
            channel.queueDeclare(full, false, false, false, Map.of("x-max-length", 0, "x-overflow", "reject-publish"));
            channel.queueBind(full, exchange, "#");
        }

        var published = broker.publish(new Destination(topic, routingKey("lead.created")),
                List.of(message("k", "refused")));

        assertThatThrownBy(() -> published.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UnavailableException.class).hasMessageContaining("nack");
    }

    @Test
    void aHealthyBrokerReportsItsOpenConnectionAndServerVersion() {
        RabbitMqBroker broker = RABBIT.broker();

        assertThat(broker.healthName()).isEqualTo("rabbitmq");
        assertThat(broker.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(broker.health().details()).containsEntry("connection", "open").containsKey("server_version");
    }

    @Test
    void creatingABrokerForAnUnreachableServerFailsAsUnavailableWithoutShowingThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        RabbitMqConfig config = RABBIT.config().url("amqp://guest:s3cret@127.0.0.1:" + closedPort + "/").build();

        assertThatThrownBy(() -> RabbitMqBroker.create(config)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("127.0.0.1:" + closedPort).hasMessageNotContaining("s3cret");
    }
}

package com.bizosaas.eventbus.broker.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Connects an integration test class to the real RabbitMQ on 127.0.0.1:5672 (guest/guest) and
 * fails it, saying how to start the broker, when none runs there. Every exchange and queue the
 * class's brokers declare share a unique name prefix and are deleted after the class; brokers made
 * through {@link #broker} are closed after each test. Register it as a static field.
 */
public final class RabbitMqExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback,
        ParameterResolver {
    static final String HOST = "127.0.0.1";
    static final int PORT = 5672;

    private final List<RabbitMqBroker> brokers = new ArrayList<>();
    private Connection admin;
    private String prefix;

    @Override
    public void beforeAll(ExtensionContext context) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(HOST);
        factory.setPort(PORT);
        factory.setConnectionTimeout(5_000);
        try {
            admin = factory.newConnection("eventbus-it-admin");
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("RabbitMQ is not reachable at " + HOST + ":" + PORT
                    + ": start it with `rabbitmq-server -detached` or run scripts/test.sh (" + e + ")", e);
        }
        prefix = "it-" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        brokers.forEach(RabbitMqBroker::close);
        brokers.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try (Channel channel = admin.createChannel()) {
            for (String queue : listed("list_queues")) {
                channel.queueDelete(queue);
            }
            for (String exchange : listed("list_exchanges")) {
                channel.exchangeDelete(exchange);
            }
        } finally {
            admin.close();
        }
    }

    /** Settings for the real broker with this class's name prefix and a quick reconnect. */
    public RabbitMqConfig.Builder config() {
        return RabbitMqConfig.builder().url("amqp://guest:guest@" + HOST + ":" + PORT + "/").exchange(prefix)
                .recoveryInterval(Duration.ofMillis(200));
    }

    /** A broker closed after the current test. */
    public RabbitMqBroker broker(RabbitMqConfig config) {
        RabbitMqBroker broker = RabbitMqBroker.create(config);
        brokers.add(broker);
        return broker;
    }

    public RabbitMqBroker broker() {
        return broker(config().build());
    }

    /** A channel of the extension's own connection, for looking at queues behind the adapter's back. */
    public Channel adminChannel() throws IOException {
        return admin.createChannel();
    }

    /** Messages ready for delivery in {@code queue} (not counting those delivered and unacknowledged). */
    public long readyMessages(String queue) {
        try (Channel channel = admin.createChannel()) {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException | TimeoutException e) {
            throw new IllegalStateException("could not inspect queue " + queue, e);
        }
    }

    /** A name no other test uses, e.g. for a topic or group. */
    public static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RabbitMqExtension.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return this;
    }

    /** Names under this class's prefix, as rabbitmqctl lists them (AMQP itself cannot list). */
    private List<String> listed(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", "-q", command, "name", "--no-table-headers")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("rabbitmqctl " + command + " failed, so the test exchanges and queues "
                    + "under " + prefix + " were left behind: " + output);
        }
        return output.lines().map(String::strip).filter(name -> name.startsWith(prefix + ".")).toList();
    }
}

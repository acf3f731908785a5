package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqBroker;
import com.bizosaas.eventbus.broker.rabbitmq.RabbitMqConfig;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Publish throughput (messages/s) of {@link RabbitMqBroker} against raw amqp-client publishing the
 * same persistent, mandatory messages with the same headers to the same topic exchange on a
 * confirm-mode channel, tracking confirms asynchronously. Each invocation publishes {@link #BATCH}
 * messages and waits until all are confirmed. A classic queue bound with {@code #} (capped, so it
 * does not grow) keeps the mandatory messages routable.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RabbitMqPublishBenchmark {
    static final int BATCH = 100;
    private static final String TOPIC = "bench";
    private static final String QUEUE = "eventbus.bench.sink";

    private RabbitMqBroker broker;
    private Connection connection;
    private Channel channel;
    private String exchange;
    private Destination destination;
    private List<BrokerMessage> messages;
    private final ConcurrentNavigableMap<Long, CountDownLatch> outstanding = new ConcurrentSkipListMap<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RabbitMqConfig config = RabbitMqConfig.defaults().toBuilder().url("amqp://guest:guest@127.0.0.1:5672/").build();
        broker = RabbitMqBroker.create(config);
        exchange = broker.names().exchange(TOPIC);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1"); // guest/guest on the default vhost, as the broker's URL says
        connection = factory.newConnection("eventbus-bench-raw");
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
        channel.queueDeclare(QUEUE, true, false, false, Map.of("x-max-length", 10_000));
        channel.queueBind(QUEUE, exchange, "#");
        channel.confirmSelect();
        channel.addConfirmListener((seq, multiple) -> settle(seq, multiple), (seq, multiple) -> {
            throw new IllegalStateException("RabbitMQ nacked message " + seq);
        });
        UUID tenant = UUID.randomUUID();
        destination = LeadCreated.destination(TOPIC, tenant);
        messages = LeadCreated.messages(tenant, BATCH);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        channel.queueDelete(QUEUE);
        channel.exchangeDelete(exchange); // leave the server as it was
        connection.close();
        broker.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rabbitMqBroker() {
        broker.publish(destination, messages).join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawAmqpClientWithConfirms() throws Exception {
        CountDownLatch confirmed = new CountDownLatch(BATCH);
        for (BrokerMessage message : messages) {
            long sequence = channel.getNextPublishSeqNo();
            outstanding.put(sequence, confirmed);
            channel.basicPublish(exchange, destination.routingKey(), true, properties(message, sequence),
                    message.payload());
        }
        if (!confirmed.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("RabbitMQ did not confirm within 30 s");
        }
    }

    private void settle(long sequence, boolean multiple) {
        if (multiple) {
            ConcurrentNavigableMap<Long, CountDownLatch> upTo = outstanding.headMap(sequence, true);
            upTo.values().forEach(CountDownLatch::countDown);
            upTo.clear();
        } else {
            CountDownLatch latch = outstanding.remove(sequence);
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    /** What the adapter sends: persistent, the message headers plus the ordering key and sequence. */
    private static AMQP.BasicProperties properties(BrokerMessage message, long sequence) {
        Map<String, Object> headers = new HashMap<>(message.headers());
        headers.put("x-eventbus-key", message.key());
        headers.put("x-eventbus-seq", sequence);
        return new AMQP.BasicProperties.Builder().deliveryMode(2).headers(headers).build();
    }
}

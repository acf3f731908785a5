package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.broker.kafka.KafkaBroker;
import com.bizosaas.eventbus.broker.kafka.KafkaConfig;
import com.bizosaas.eventbus.broker.kafka.internal.ClientProperties;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
 * Publish throughput (messages/s) of {@link KafkaBroker} against a raw {@link KafkaProducer} built
 * from the same producer properties (acks=all, idempotence, linger, batch size, lz4) sending the
 * same records (key, payload, headers) to the same topic. Each invocation sends {@link #BATCH}
 * records and waits until every one is acknowledged.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class KafkaPublishBenchmark {
    static final int BATCH = 100;
    private static final String TOPIC = "eventbus.bench";

    private KafkaBroker broker;
    private KafkaProducer<String, byte[]> producer;
    private Destination destination;
    private List<BrokerMessage> messages;

    @Setup(Level.Trial)
    public void setUp() {
        KafkaConfig config = KafkaConfig.builder().bootstrapServers("127.0.0.1:9092").build();
        broker = KafkaBroker.create(config);
        producer = new KafkaProducer<>(ClientProperties.producer(config, "eventbus-bench-raw"),
                new StringSerializer(), new ByteArraySerializer());
        UUID tenant = UUID.randomUUID();
        destination = LeadCreated.destination(TOPIC, tenant);
        messages = LeadCreated.messages(tenant, BATCH);
        broker.publish(destination, messages).join(); // creates the topic before measuring
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        producer.close(Duration.ofSeconds(10));
        broker.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void kafkaBroker() {
        broker.publish(destination, messages).join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawKafkaProducer() throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(BATCH);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (BrokerMessage message : messages) {
            producer.send(record(message), (metadata, e) -> {
                if (e != null) {
                    failure.set(e);
                }
                acked.countDown();
            });
        }
        acked.await();
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    private ProducerRecord<String, byte[]> record(BrokerMessage message) {
        List<Header> headers = new ArrayList<>(message.headers().size() + 1);
        message.headers().forEach((name, value) -> headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
        headers.add(new RecordHeader("eventbus-routing-key", destination.routingKey().getBytes(StandardCharsets.UTF_8)));
        return new ProducerRecord<>(TOPIC, null, message.key(), message.payload(), headers);
    }
}

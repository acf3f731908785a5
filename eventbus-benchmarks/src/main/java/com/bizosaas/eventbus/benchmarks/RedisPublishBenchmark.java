package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.XAddParams;

/**
 * Publish throughput (messages/s) of {@link RedisStreamsBroker} against raw Jedis pipelining the
 * same XADDs (same fields, same approximate MAXLEN trim) on one connection. Each invocation
 * publishes {@link #BATCH} messages and waits for every XADD reply.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class RedisPublishBenchmark {
    static final int BATCH = 100;
    private static final String TOPIC = "bench";

    private RedisConfig config;
    private RedisStreamsBroker broker;
    private Jedis jedis;
    private Destination destination;
    private List<BrokerMessage> messages;
    private byte[] stream;
    private XAddParams addParams;

    @Setup(Level.Trial)
    public void setUp() {
        config = RedisConfig.fromEnv(Map.of(RedisConfig.HOST, "127.0.0.1"));
        broker = RedisStreamsBroker.create(config);
        jedis = new Jedis("127.0.0.1", 6379);
        UUID tenant = UUID.randomUUID();
        destination = LeadCreated.destination(TOPIC, tenant);
        messages = LeadCreated.messages(tenant, BATCH);
        stream = (config.streamPrefix() + TOPIC).getBytes(StandardCharsets.UTF_8);
        addParams = XAddParams.xAddParams().maxLen(config.streamMaxLength()).approximateTrimming();
        jedis.del(stream);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        jedis.del(stream);
        jedis.close();
        broker.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void redisStreamsBroker() {
        broker.publish(destination, messages).join();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawJedisPipeline() {
        List<Response<byte[]>> ids = new ArrayList<>(BATCH);
        try (Pipeline pipeline = jedis.pipelined()) {
            for (BrokerMessage message : messages) {
                ids.add(pipeline.xadd(stream, addParams, fields(destination.routingKey(), message)));
            }
            pipeline.sync();
        }
        ids.forEach(Response::get);
    }

    /** The entry layout the adapter writes: key, payload, routing key, one field per header. */
    static Map<byte[], byte[]> fields(String routingKey, BrokerMessage message) {
        Map<byte[], byte[]> fields = new LinkedHashMap<>();
        fields.put(bytes("key"), bytes(message.key()));
        fields.put(bytes("payload"), message.payload());
        fields.put(bytes("routing_key"), bytes(routingKey));
        message.headers().forEach((name, value) -> fields.put(bytes("header:" + name), bytes(value)));
        return fields;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

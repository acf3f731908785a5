package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.broker.redis.RedisConfig;
import com.bizosaas.eventbus.broker.redis.RedisStreamsBroker;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * Publish → consumer handler latency through {@link RedisStreamsBroker} at a paced rate (default
 * 1,000 messages/s for 20 s after a 5 s warm-up), then the same through raw Jedis (XADD per message;
 * one consumer thread looping XREADGROUP BLOCK + XACK). Each message carries its publish
 * {@code nanoTime}; the handler records the difference. Args: {@code [perSecond] [seconds]}.
 */
public final class RedisLatencyDriver {
    private static final String SENT = "bench-sent-nanos";
    private static final byte[] SENT_FIELD = ("header:" + SENT).getBytes(StandardCharsets.UTF_8);
    private static final byte[] GROUP = "bench".getBytes(StandardCharsets.UTF_8);

    private RedisLatencyDriver() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        RedisConfig config = RedisConfig.fromEnv(Map.of(RedisConfig.HOST, "127.0.0.1"));
        String topic = "bench-latency";
        byte[] stream = (config.streamPrefix() + topic).getBytes(StandardCharsets.UTF_8);
        UUID tenant = UUID.randomUUID();
        Destination destination = LeadCreated.destination(topic, tenant);
        BrokerMessage template = LeadCreated.messages(tenant, 1).get(0);

        deleteStream(stream);
        try (RedisStreamsBroker broker = RedisStreamsBroker.create(config)) {
            Run run = new Run(perSecond, seconds);
            try (BrokerSubscription ignored = broker.subscribe(new ConsumerSpec(topic, "bench", "#", 4, null),
                    m -> run.received(Long.parseLong(m.headers().get(SENT))))) {
                run.drive(sent -> broker.publish(destination, List.of(withSent(template, sent))));
                System.out.println("RedisStreamsBroker publish->handler " + run.report());
            }
        }
        deleteStream(stream);

        XAddParams addParams = XAddParams.xAddParams().maxLen(config.streamMaxLength()).approximateTrimming();
        Run run = new Run(perSecond, seconds);
        try (Jedis publisher = new Jedis("127.0.0.1", 6379)) {
            publisher.xgroupCreate(stream, GROUP, "$".getBytes(StandardCharsets.UTF_8), true);
            Thread consumer = new Thread(() -> consume(stream, run), "raw-consumer");
            consumer.setDaemon(true);
            consumer.start();
            run.drive(sent -> publisher.xadd(stream, addParams,
                    RedisPublishBenchmark.fields(destination.routingKey(), withSent(template, sent))));
            consumer.join(1_000); // its last blocking read ends within 100 ms; then the stream may go
            System.out.println("raw Jedis XADD/XREADGROUP publish->handler " + run.report());
        }
        deleteStream(stream);
    }

    private static void consume(byte[] stream, Run run) {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(100).block(100);
            byte[] consumer = "raw".getBytes(StandardCharsets.UTF_8);
            while (!run.done()) {
                List<Map.Entry<byte[], List<StreamEntryBinary>>> read = jedis.xreadGroupBinary(GROUP, consumer, params,
                        Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                if (read == null) {
                    continue;
                }
                for (Map.Entry<byte[], List<StreamEntryBinary>> batch : read) {
                    for (StreamEntryBinary entry : batch.getValue()) {
                        entry.getFields().forEach((name, value) -> {
                            if (java.util.Arrays.equals(name, SENT_FIELD)) {
                                run.received(Long.parseLong(new String(value, StandardCharsets.UTF_8)));
                            }
                        });
                        jedis.xack(stream, GROUP, entry.getID().toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private static BrokerMessage withSent(BrokerMessage template, long sent) {
        Map<String, String> headers = new HashMap<>(template.headers());
        headers.put(SENT, Long.toString(sent));
        return new BrokerMessage(template.key(), template.payload(), headers);
    }

    private static void deleteStream(byte[] stream) {
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            jedis.del(stream); // a fresh stream and group for each run
        }
    }

    /** One paced run: the first 5 s of messages warm up and are not recorded. */
    private static final class Run {
        private final int perSecond;
        private final int seconds;
        private final int warmup;
        private final Latencies latencies;
        private final AtomicInteger received = new AtomicInteger();
        private volatile boolean done;

        Run(int perSecond, int seconds) {
            this.perSecond = perSecond;
            this.seconds = seconds;
            this.warmup = perSecond * 5;
            this.latencies = new Latencies(perSecond * seconds);
        }

        void received(long sentNanos) {
            long latency = System.nanoTime() - sentNanos;
            if (received.incrementAndGet() > warmup) {
                latencies.record(latency);
            }
        }

        void drive(LongConsumer publish) throws InterruptedException {
            Latencies.paced(warmup + perSecond * seconds, perSecond, () -> publish.accept(System.nanoTime()));
            boolean all = Latencies.awaitCount(received, warmup + perSecond * seconds, 30_000);
            done = true;
            if (!all) {
                System.out.println("NOT all messages arrived: " + received.get());
            }
        }

        boolean done() {
            return done;
        }

        String report() {
            return "at " + perSecond + "/s for " + seconds + " s: " + latencies.summary();
        }
    }
}

package com.bizosaas.eventbus.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.resps.StreamConsumerInfo;

/** Redis-specific consumer-group behaviour of {@link RedisStreamsBroker} against the real local Redis. */
class RedisConsumerGroupIT {
    @RegisterExtension
    static final RedisExtension REDIS = new RedisExtension();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration QUICK_REDELIVERY = Duration.ofMillis(300);

    private final List<AutoCloseable> open = new ArrayList<>();
    private String topic;
    private RedisStreamsBroker broker;

    @BeforeEach
    void createBroker() {
        topic = "topic-" + UUID.randomUUID();
        broker = track(RedisStreamsBroker.create(REDIS.config()));
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void eachMessageIsHandledByOneMemberOfTheGroupAndThenAcknowledged() throws Exception {
        Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
        for (int member = 0; member < 2; member++) {
            track(broker.subscribe(spec("group", 2, null),
                    m -> handled.computeIfAbsent(m.key(), k -> new AtomicInteger()).incrementAndGet()));
        }
        List<BrokerMessage> messages = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            messages.add(message("key-" + i, "payload-" + i));
        }
        broker.publish(destination(), messages).get(10, TimeUnit.SECONDS);

        Await.until(WAIT, () -> handled.size() == 100, "all 100 messages are handled");
        Await.until(WAIT, () -> REDIS.client().xpending(REDIS.streamKey(topic), "group").getTotal() == 0,
                "nothing is pending in the group");
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void messagesWithOneKeyAreHandledInPublishOrderWhileKeysRunInParallel() throws Exception {
        Map<String, Queue<Integer>> seen = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        track(broker.subscribe(spec("ordered", 4, null), m -> {
            seen.computeIfAbsent(m.key(), k -> new ConcurrentLinkedQueue<>())
                    .add(Integer.parseInt(new String(m.payload(), StandardCharsets.UTF_8)));
            total.incrementAndGet();
        }));
        for (int i = 0; i < 200; i++) {
            broker.publish(destination(), List.of(message("key-" + i % 5, String.valueOf(i))));
        }

        Await.until(WAIT, () -> total.get() == 200, "200 messages are handled");
        assertThat(seen).hasSize(5);
        seen.values().forEach(sequence -> assertThat(new ArrayList<>(sequence)).isSorted());
    }

    @Test
    void payloadBytesHeadersAndRoutingKeyArriveUnchanged() throws Exception {
        byte[] payload = {0, (byte) 0xff, (byte) 0xfe, 'x', (byte) 0x80, 0};
        Queue<ReceivedMessage> received = new ConcurrentLinkedQueue<>();
        track(broker.subscribe(spec("fields", 1, null), received::add));

        broker.publish(new Destination(topic, "tenant-1.lead.created"),
                List.of(new BrokerMessage(null, payload, Map.of("event-id", "e-1", "tenant-id", "t-1")))).get(10,
                TimeUnit.SECONDS);

        Await.until(WAIT, () -> !received.isEmpty(), "the message arrives");
        ReceivedMessage message = received.peek();
        assertThat(message.payload()).containsExactly(payload);
        assertThat(message.key()).isNull();
        assertThat(message.routingKey()).isEqualTo("tenant-1.lead.created");
        assertThat(message.topic()).isEqualTo(topic);
        assertThat(message.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("event-id", "e-1", "tenant-id", "t-1"));
        assertThat(message.redelivered()).isFalse();
    }

    @Test
    void aMessageWhoseHandlerFailedIsHandedOutAgainMarkedRedelivered() throws Exception {
        Queue<ReceivedMessage> attempts = new ConcurrentLinkedQueue<>();
        track(broker.subscribe(spec("retrying", 1, QUICK_REDELIVERY), m -> {
            attempts.add(m);
            if (attempts.size() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        }));

        broker.publish(destination(), List.of(message("k", "retry me"))).get(10, TimeUnit.SECONDS);

        Await.until(WAIT, () -> attempts.size() >= 2, "the message is handled a second time");
        assertThat(attempts).extracting(ReceivedMessage::redelivered).startsWith(false, true);
        Await.until(WAIT, () -> REDIS.client().xpending(REDIS.streamKey(topic), "retrying").getTotal() == 0,
                "the second attempt is acknowledged");
    }

    @Test
    void aMessagePendingWithABrokerThatDiedIsTakenOverByAnotherBrokerInstance() throws Exception {
        CountDownLatch firstHasIt = new CountDownLatch(1);
        RedisStreamsBroker dying = RedisStreamsBroker.create(REDIS.config());
        dying.subscribe(spec("takeover", 1, QUICK_REDELIVERY), m -> {
            firstHasIt.countDown();
            new CountDownLatch(1).await(); // never finishes: the process "dies" holding the message
        });
        broker.publish(destination(), List.of(message("k", "orphan"))).get(10, TimeUnit.SECONDS);
        assertThat(firstHasIt.await(20, TimeUnit.SECONDS)).isTrue();

        Queue<ReceivedMessage> survivor = new ConcurrentLinkedQueue<>();
        track(broker.subscribe(spec("takeover", 1, QUICK_REDELIVERY), survivor::add));
        dying.close();

        Await.until(WAIT, () -> !survivor.isEmpty(), "the surviving broker handles the orphaned message");
        assertThat(survivor).singleElement().satisfies(m -> {
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("orphan");
            assertThat(m.redelivered()).isTrue();
        });
        Await.until(WAIT, () -> REDIS.client().xpending(REDIS.streamKey(topic), "takeover").getTotal() == 0,
                "nothing is pending any more");
    }

    @Test
    void aMemberClosedWithNothingPendingLeavesTheGroup() {
        BrokerSubscription first = broker.subscribe(spec("leaving", 1, null), m -> { });
        track(broker.subscribe(spec("leaving", 1, null), m -> { }));
        Await.until(WAIT, () -> consumers("leaving").size() == 2, "both members are known to Redis");

        first.close();

        assertThat(consumers("leaving")).hasSize(1);
    }

    @Test
    void aDeadMemberWithNothingPendingIsRemovedOnceItExpired() {
        RedisStreamsBroker expiring = track(RedisStreamsBroker.create(
                REDIS.config(Map.of(RedisConfig.CONSUMER_EXPIRY_SECONDS, "1"))));
        track(expiring.subscribe(spec("expiring", 1, null), m -> { }));
        REDIS.client().xgroupCreateConsumer(REDIS.streamKey(topic), "expiring", "ghost");

        Await.until(WAIT, () -> consumers("expiring").stream().noneMatch(c -> c.getName().equals("ghost")),
                "the ghost member is removed");
        assertThat(consumers("expiring")).hasSize(1);
    }

    @Test
    void theGroupIsCreatedAgainWhenRedisLostTheStream() throws Exception {
        Queue<String> handled = new ConcurrentLinkedQueue<>();
        track(broker.subscribe(spec("recreated", 1, null),
                m -> handled.add(new String(m.payload(), StandardCharsets.UTF_8))));
        broker.publish(destination(), List.of(message("k", "before"))).get(10, TimeUnit.SECONDS);
        Await.until(WAIT, () -> handled.contains("before"), "the first message is handled");

        REDIS.client().del(REDIS.streamKey(topic));
        broker.publish(destination(), List.of(message("k", "after-1"), message("k", "after-2"))).get(10,
                TimeUnit.SECONDS);

        Await.until(WAIT, () -> handled.size() == 3, "the messages published after the loss are handled");
        assertThat(handled).containsExactly("before", "after-1", "after-2");
    }

    @Test
    void streamsOverTheConfiguredLengthAreTrimmedOfWhatTheGroupHasAcknowledged() throws Exception {
        RedisStreamsBroker trimming = track(RedisStreamsBroker.create(
                REDIS.config(Map.of(RedisConfig.STREAM_MAXLEN, "100"))));
        AtomicInteger handled = new AtomicInteger();
        track(trimming.subscribe(spec("trimmed", 2, null), m -> handled.incrementAndGet()));
        for (int batch = 0; batch < 10; batch++) {
            List<BrokerMessage> messages = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                messages.add(message("k", "m" + i));
            }
            trimming.publish(destination(), messages).get(10, TimeUnit.SECONDS);
        }

        Await.until(WAIT, () -> handled.get() == 1_000, "the group handles every entry");
        // Approximate trimming drops whole stream nodes (100 entries each by default) below the group's position.
        Await.until(WAIT, () -> REDIS.client().xlen(REDIS.streamKey(topic)) <= 200, "acknowledged entries are trimmed");
    }

    @Test
    void healthPingsRedisAndReportsTheRoundTrip() {
        var health = broker.health();

        assertThat(broker.healthName()).isEqualTo("redis");
        assertThat(health.status()).hasToString("HEALTHY");
        assertThat(health.details()).containsKey("ping_ms");
        assertThat((Double) health.details().get("ping_ms")).isPositive();
    }

    private List<StreamConsumerInfo> consumers(String group) {
        return REDIS.client().xinfoConsumers2(REDIS.streamKey(topic), group);
    }

    private ConsumerSpec spec(String group, int concurrency, Duration redeliverAfter) {
        return new ConsumerSpec(topic, group, "#", concurrency, redeliverAfter);
    }

    private Destination destination() {
        return new Destination(topic, "tenant.test.event");
    }

    private static BrokerMessage message(String key, String payload) {
        return new BrokerMessage(key, payload.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }
}

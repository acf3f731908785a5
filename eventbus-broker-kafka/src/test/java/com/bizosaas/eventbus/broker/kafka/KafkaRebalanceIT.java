package com.bizosaas.eventbus.broker.kafka;

import static com.bizosaas.eventbus.broker.kafka.TestMessages.number;
import static java.nio.charset.StandardCharsets.UTF_8;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.publishNumbered;
import static com.bizosaas.eventbus.broker.kafka.TestMessages.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaRebalanceIT {
    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    private static final int KEYS = 12;

    /** Two brokers, as two server instances sharing the dispatch group would have. */
    private KafkaBroker first;
    private KafkaBroker second;

    @BeforeEach
    void openBrokers() {
        first = KafkaBroker.create(KAFKA.config().build());
        second = KafkaBroker.create(KAFKA.config().build());
    }

    @AfterEach
    void closeBrokers() {
        second.close();
        first.close();
    }

    @Test
    void a_member_joining_and_another_leaving_mid_stream_neither_skip_nor_reorder_a_message() throws Exception {
        String topic = KAFKA.topic("rebalance");
        String group = KafkaExtension.group("rebalance");
        Member a = new Member();
        Member b = new Member();
        BrokerSubscription memberA = first.subscribe(spec(topic, group, 2), a::handle);
        Stream stream = new Stream(topic);
        try (stream) {
            Await.until(PATIENCE, () -> a.count() >= 200, "the first member handled 200 messages");

            second.subscribe(spec(topic, group, 2), b::handle);
            Await.until(PATIENCE, () -> b.count() >= 200, "the joining member handled 200 messages");
            assertThat(stream.isRunning()).as("still mid-stream").isTrue();

            memberA.close();
            Map<String, Integer> publishedWhenALeft = stream.published();
            Await.until(PATIENCE, () -> b.handledBeyond(publishedWhenALeft),
                    "the remaining member handled messages published after the other left, for every key");
            assertThat(stream.isRunning()).as("still mid-stream").isTrue();
        }

        Map<String, Integer> published = stream.published();
        Await.until(PATIENCE, () -> union(a, b).size() >= totalOf(published), "every published message was handled");
        assertThat(union(a, b)).hasSize(totalOf(published));
        a.assertInOrderPerKey();
        b.assertInOrderPerKey();
    }

    @Test
    void a_member_closed_while_its_handler_is_busy_leaves_the_unhandled_messages_to_another_member() throws Exception {
        String topic = KAFKA.createdTopic("killed", 1);
        String group = KafkaExtension.group("killed");
        List<Integer> byA = Collections.synchronizedList(new ArrayList<>());
        List<Integer> byB = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BrokerSubscription memberA = first.subscribe(spec(topic, group, 1), message -> {
            byA.add(number(message));
            if (number(message) == 5) {
                stuck.countDown();
                release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            }
        });
        second.subscribe(spec(topic, group, 1), message -> byB.add(number(message)));
        try {
            publishNumbered(first, topic, "k", 0, 10);
            assertThat(stuck.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("handler reached message 5").isTrue();

            memberA.close();

            Await.until(PATIENCE, () -> byB.size() >= 5, "the other member received the unhandled messages");
            assertThat(byB).as("handled ones stay acknowledged, the one in hand and the rest come again")
                    .containsExactly(5, 6, 7, 8, 9);
            assertThat(byA).containsExactly(0, 1, 2, 3, 4, 5);
        } finally {
            release.countDown();
        }
    }

    private static Set<String> union(Member a, Member b) {
        Set<String> all = ConcurrentHashMap.newKeySet();
        all.addAll(a.handledIds());
        all.addAll(b.handledIds());
        return all;
    }

    private static int totalOf(Map<String, Integer> published) {
        return published.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What one group member handled: per key, the message numbers in the order it handled them. */
    private static final class Member {
        private final Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
        private final AtomicInteger count = new AtomicInteger();

        void handle(ReceivedMessage message) {
            byKey.computeIfAbsent(message.key(), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(number(message));
            count.incrementAndGet();
        }

        int count() {
            return count.get();
        }

        /** True once, for every key, a message numbered at or above {@code published} was handled. */
        boolean handledBeyond(Map<String, Integer> published) {
            return published.entrySet().stream().allMatch(e -> {
                List<Integer> numbers = byKey.getOrDefault(e.getKey(), List.of());
                synchronized (numbers) {
                    return !numbers.isEmpty() && numbers.get(numbers.size() - 1) >= e.getValue();
                }
            });
        }

        Set<String> handledIds() {
            return byKey.entrySet().stream()
                    .flatMap(e -> List.copyOf(e.getValue()).stream().map(n -> e.getKey() + ":" + n))
                    .collect(Collectors.toSet());
        }

        void assertInOrderPerKey() {
            byKey.forEach((key, numbers) -> assertThat(List.copyOf(numbers)).as("order of " + key).isSorted());
        }
    }

    /**
     * Publishes rounds of one message per key from a background thread until closed; each round
     * waits for its acknowledgement, so the stream keeps flowing through the rebalances.
     */
    private final class Stream implements AutoCloseable {
        private final String topic;
        private final Map<String, Integer> sent = new ConcurrentHashMap<>();
        private final Thread publisher;
        private volatile boolean running = true;
        private volatile Exception failure;

        Stream(String topic) {
            this.topic = topic;
            this.publisher = new Thread(this::publishRounds, "stream-publisher");
            this.publisher.start();
        }

        private void publishRounds() {
            try {
                for (int round = 0; running; round++) {
                    int n = round;
                    List<BrokerMessage> batch = IntStream.range(0, KEYS)
                            .mapToObj(k -> new BrokerMessage("key-" + k, ("key-" + k + ":" + n).getBytes(UTF_8), Map.of()))
                            .toList();
                    first.publish(new Destination(topic, "test"), batch).get(30, TimeUnit.SECONDS);
                    IntStream.range(0, KEYS).forEach(k -> sent.put("key-" + k, n + 1));
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        boolean isRunning() {
            return publisher.isAlive();
        }

        /** Per key, how many messages (numbered from 0) were acknowledged so far. */
        Map<String, Integer> published() {
            return Map.copyOf(sent);
        }

        @Override
        public void close() throws Exception {
            running = false;
            publisher.join();
            if (failure != null) {
                throw failure;
            }
        }
    }
}

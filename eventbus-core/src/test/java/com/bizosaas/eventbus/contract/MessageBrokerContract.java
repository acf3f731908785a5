package com.bizosaas.eventbus.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.HealthStatus;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.Destination;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MessageBroker} must show. Extend it once per implementation and
 * return a working broker from {@link #newBroker()}; it is called before each test and closed
 * after it. Each test uses its own topic and consumer groups, so leftovers on a real broker do
 * not interfere.
 *
 * <p>Semantics pinned down here, beyond the SPI's Javadoc:
 * <ul>
 *   <li>A consumer group exists once the first {@code subscribe} for it has returned, and from
 *       then on receives every message published to its topic, whether or not a member is live
 *       at that moment. Tests therefore always subscribe first and publish afterwards.</li>
 *   <li>{@link BrokerSubscription#close()} never acknowledges a message whose handler has not
 *       returned; it may interrupt such handlers and may wait a bounded time for them, but must
 *       not block indefinitely on a handler that does not return. The unacknowledged message goes
 *       to a live member of the group within {@link #redeliveryTimeout()}.</li>
 *   <li>A handler that throws leaves its message unacknowledged; it is delivered again (to the
 *       same or another member) until a handler returns normally.</li>
 *   <li>With {@code concurrency} n, messages with the same key are still handled one at a time
 *       in publish order.</li>
 *   <li>Closing a subscription twice, or after the broker closed, is harmless.</li>
 * </ul>
 */
public abstract class MessageBrokerContract {
    /** Short, so brokers that reclaim idle messages (Redis streams) redeliver quickly in tests. */
    protected static final Duration REDELIVER_AFTER = Duration.ofSeconds(2);
    private static final Duration RECEIVE_TIMEOUT = Duration.ofSeconds(30);
    private static final String ROUTING_KEY = "6f1e0f3c-0000-4000-8000-000000000001.contract.tested";

    protected MessageBroker broker;
    protected String topic;
    private final List<BrokerSubscription> subscriptions = new ArrayList<>();

    /** A working broker; the suite closes it after each test. */
    protected abstract MessageBroker newBroker();

    /** How long a dead or failing member's message may take to reach a live member. */
    protected Duration redeliveryTimeout() {
        return Duration.ofSeconds(10);
    }

    @BeforeEach
    void openBroker() {
        broker = newBroker();
        topic = uniqueName("topic");
    }

    @AfterEach
    void closeBroker() {
        try {
            subscriptions.forEach(BrokerSubscription::close);
        } finally {
            broker.close();
        }
    }

    @Test
    void aSubscriberReceivesEveryMessageWithKeyPayloadAndHeadersIntact() {
        Recorder recorder = new Recorder();
        subscribe(uniqueName("group"), 1, recorder);
        List<BrokerMessage> sent = messages("key", 5);

        publish(sent);

        recorder.awaitCount(5);
        Map<String, ReceivedMessage> bySeq = new HashMap<>();
        recorder.received.forEach(m -> bySeq.put(m.headers().get("seq"), m));
        for (BrokerMessage m : sent) {
            ReceivedMessage got = bySeq.get(m.headers().get("seq"));
            assertThat(got).as("message %s", m.headers().get("seq")).isNotNull();
            assertThat(got.key()).isEqualTo(m.key());
            assertThat(got.payload()).isEqualTo(m.payload());
            assertThat(got.headers()).containsAllEntriesOf(m.headers());
            assertThat(got.topic()).isEqualTo(topic);
            assertThat(got.routingKey()).isEqualTo(ROUTING_KEY);
        }
    }

    @Test
    void publishCompletesOnceTheBrokerHasTheMessagesEvenForAnEmptyBatch() throws Exception {
        subscribe(uniqueName("group"), 1, new Recorder());

        broker.publish(new Destination(topic, ROUTING_KEY), List.of()).get(30, TimeUnit.SECONDS);
        broker.publish(new Destination(topic, ROUTING_KEY), messages("key", 3)).get(30, TimeUnit.SECONDS);
    }

    @Test
    void eachMessageGoesToExactlyOneMemberOfAGroup() {
        String group = uniqueName("group");
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        subscribe(group, 1, first);
        subscribe(group, 1, second);
        List<BrokerMessage> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sent.add(message("key-" + i, i));
        }

        publish(sent);

        Await.until(RECEIVE_TIMEOUT, () -> union(first, second).size() == sent.size(),
                "every message should reach one of the two members");
        Set<String> both = new HashSet<>(first.seqs());
        both.retainAll(second.seqs());
        assertThat(both).as("messages handled by both members").isEmpty();
        assertThat(first.received.size() + second.received.size()).as("deliveries in total").isEqualTo(sent.size());
    }

    @Test
    void everyGroupReceivesEveryMessage() {
        Recorder groupA = new Recorder();
        Recorder groupB = new Recorder();
        subscribe(uniqueName("group-a"), 1, groupA);
        subscribe(uniqueName("group-b"), 1, groupB);
        List<BrokerMessage> sent = messages("key", 10);

        publish(sent);

        groupA.awaitCount(10);
        groupB.awaitCount(10);
        assertThat(groupA.seqs()).containsExactlyInAnyOrderElementsOf(groupB.seqs());
    }

    @Test
    void messagesWithOneKeyArriveInPublishOrder() {
        assertKeyOrderIsKept(1);
    }

    @Test
    void messagesWithOneKeyArriveInPublishOrderWithSeveralHandlerThreads() {
        assertKeyOrderIsKept(4);
    }

    @Test
    void aMessageWhoseHandlerThrowsIsRedeliveredUntilHandled() {
        AtomicInteger attemptsOfThird = new AtomicInteger();
        Recorder recorder = new Recorder();
        subscribe(uniqueName("group"), 1, m -> {
            if ("2".equals(m.headers().get("seq")) && attemptsOfThird.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails on purpose");
            }
            recorder.handle(m);
        });

        publish(messages("key", 5));

        Await.until(redeliveryTimeout().plus(RECEIVE_TIMEOUT), () -> recorder.seqs().size() == 5,
                "every message, including the one whose handler threw once, should be handled");
        assertThat(attemptsOfThird.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aMessageInFlightAtAMemberThatClosesGoesToALiveMember() throws Exception {
        String group = uniqueName("group");
        AtomicReference<Integer> blockedMember = new AtomicReference<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<Integer> closedMembers = ConcurrentHashMap.newKeySet();
        Map<Integer, Recorder> handledBy = Map.of(0, new Recorder(), 1, new Recorder());
        List<BrokerSubscription> members = new ArrayList<>();
        for (int member = 0; member < 2; member++) {
            int me = member;
            members.add(subscribe(group, 1, m -> {
                if (closedMembers.contains(me)) {
                    throw new IllegalStateException("member " + me + " is closed");
                }
                if (blockedMember.compareAndSet(null, me)) {
                    entered.countDown();
                    release.await();
                    throw new IllegalStateException("member " + me + " died before acknowledging");
                }
                handledBy.get(me).handle(m);
            }));
        }

        publish(List.of(message("key", 0)));
        assertThat(entered.await(RECEIVE_TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("the message should reach a member").isTrue();
        int victim = blockedMember.get();
        closedMembers.add(victim);
        closeWithoutLettingTheHandlerFinish(members.get(victim), release);

        int survivor = 1 - victim;
        Await.until(redeliveryTimeout(), () -> handledBy.get(survivor).seqs().contains("0"),
                "the message in flight at closed member " + victim + " should reach live member " + survivor);
        assertThat(handledBy.get(victim).received).isEmpty();
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() {
        String group = uniqueName("group");
        Recorder closed = new Recorder();
        BrokerSubscription first = subscribe(group, 1, closed);
        publish(List.of(message("key", 0)));
        closed.awaitCount(1);

        first.close();
        Recorder live = new Recorder();
        subscribe(group, 1, live);
        List<BrokerMessage> later = IntStream.rangeClosed(1, 5).mapToObj(i -> message("key-" + i, i)).toList();
        publish(later);

        Await.until(RECEIVE_TIMEOUT, () -> live.seqs().containsAll(List.of("1", "2", "3", "4", "5")),
                "the live member should receive every message published after the other closed");
        assertThat(closed.seqs()).containsExactly("0");
    }

    @Test
    void aWorkingBrokerReportsHealthy() {
        assertThat(broker.health().status()).isEqualTo(HealthStatus.HEALTHY);
        assertThat(broker.healthName()).isNotBlank();
    }

    // ---- helpers ----

    private void assertKeyOrderIsKept(int concurrency) {
        int keys = 5;
        int perKey = 20;
        Map<String, Queue<Integer>> seenPerKey = new ConcurrentHashMap<>();
        AtomicInteger total = new AtomicInteger();
        subscribe(uniqueName("group"), concurrency, m -> {
            seenPerKey.computeIfAbsent(m.key(), k -> new ConcurrentLinkedQueue<>())
                    .add(Integer.parseInt(m.headers().get("seq")));
            total.incrementAndGet();
        });
        List<BrokerMessage> batch = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            for (int k = 0; k < keys; k++) {
                batch.add(message("key-" + k, i));
                if (batch.size() == 25) {
                    publish(batch);
                    batch = new ArrayList<>();
                }
            }
        }
        publish(batch);

        Await.until(RECEIVE_TIMEOUT, () -> total.get() >= keys * perKey, "every message should arrive");
        List<Integer> expected = IntStream.range(0, perKey).boxed().toList();
        for (int k = 0; k < keys; k++) {
            assertThat(new ArrayList<>(seenPerKey.get("key-" + k))).as("order of key-%d", k)
                    .containsExactlyElementsOf(expected);
        }
    }

    /**
     * Closes the member while its handler is blocked. If close() returns (it may interrupt the
     * handler), the handler is released afterwards; if close() waits for the handler, it is
     * released after a few seconds. Either way the handler ends by throwing, never by acknowledging.
     */
    private static void closeWithoutLettingTheHandlerFinish(BrokerSubscription member, CountDownLatch release)
            throws InterruptedException {
        Thread closer = new Thread(member::close, "contract-closer");
        closer.start();
        closer.join(TimeUnit.SECONDS.toMillis(5));
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(closer.isAlive()).as("close() still blocked 30 s after its handler ended").isFalse();
    }

    protected BrokerSubscription subscribe(String group, int concurrency, MessageHandler handler) {
        BrokerSubscription s = broker.subscribe(new ConsumerSpec(topic, group, "#", concurrency, REDELIVER_AFTER),
                handler);
        subscriptions.add(s);
        return s;
    }

    protected void publish(List<BrokerMessage> messages) {
        broker.publish(new Destination(topic, ROUTING_KEY), messages).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** {@code count} messages with one key, numbered from 0 in header {@code seq}. */
    protected static List<BrokerMessage> messages(String key, int count) {
        return IntStream.range(0, count).mapToObj(i -> message(key, i)).toList();
    }

    protected static BrokerMessage message(String key, int seq) {
        byte[] payload = ("{\"seq\":" + seq + ",\"text\":\"Grüße 👋 " + key + "\"}").getBytes(StandardCharsets.UTF_8);
        return new BrokerMessage(key, payload, Map.of("seq", Integer.toString(seq), "event-type", "contract.tested"));
    }

    protected static String uniqueName(String prefix) {
        return "contract-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    private static Set<String> union(Recorder a, Recorder b) {
        Set<String> all = new HashSet<>(a.seqs());
        all.addAll(b.seqs());
        return all;
    }

    /** Collects what a member handled. Thread-safe. */
    protected static final class Recorder implements MessageHandler {
        final Queue<ReceivedMessage> received = new ConcurrentLinkedQueue<>();

        @Override
        public void handle(ReceivedMessage message) {
            received.add(message);
        }

        List<String> seqs() {
            return received.stream().map(m -> m.headers().get("seq")).toList();
        }

        void awaitCount(int count) {
            Await.until(RECEIVE_TIMEOUT, () -> received.size() >= count, count + " messages should arrive");
        }
    }
}

package com.bizosaas.eventbus.broker.redis.internal;

import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.ordering.KeyedExecutor;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * One member of a consumer group on a stream. Its reader thread, on a dedicated connection,
 * alternates XREADGROUP (blocking briefly, so new entries arrive without polling delays) with
 * XAUTOCLAIM of entries left pending longer than {@code redeliverAfter} (a dead member's, or its
 * own whose handler failed), and hands entries to a {@link KeyedExecutor} by message key. An entry is
 * acknowledged only after its handler returned. Connection trouble is retried with backoff; a
 * group that Redis lost is created again, and the handler told of the loss, as it is when Redis
 * comes back as a new run of a server that was not durable ({@link PersistenceWatch}). Its standing
 * in the group is kept by {@link Membership}; the reader also trims the stream ({@link StreamTrimmer}).
 * Thread-safe.
 */
public final class GroupMember implements BrokerSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    /** Entries per XREADGROUP/XAUTOCLAIM call. */
    /** Pauses between failed reads: 50 ms doubling to 2 s, jittered so members do not retry in step. */
    private static final RetryPolicy READ_RETRY = RetryPolicy.doubling(Duration.ofMillis(50), Duration.ofSeconds(2));
    private static final int BATCH = 64;
    /** A live member reads at least every second (the longest XREADGROUP block); a dead one goes idle. */
    private static final long LIVE_MEMBER_IDLE_MILLIS = 10_000;
    /** Entries read ahead of the handlers, per handler lane. */
    private static final int READ_AHEAD_PER_LANE = 32;
    private static final Duration HANDLER_WAIT_ON_CLOSE = Duration.ofSeconds(1);

    private final RedisConnections connections;
    private final StreamGroup group;
    private final String topic;
    private final String name;
    private final MessageHandler handler;
    private final long redeliverAfterMillis;
    private final long claimIntervalNanos;
    private final KeyedExecutor lanes;
    private final AckBatcher acks;
    private final Membership membership;
    private final PersistenceWatch persistence;
    private final StreamTrimmer trimmer;
    private final Consumer<GroupMember> onClose;
    /** Entries handed to a lane and not finished: claiming them back must not run them twice. */
    private final Set<StreamEntryID> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread reader;
    private volatile Connection connection;
    // Reader-thread state.
    private StreamEntryID claimCursor = StreamGroup.START;
    private long nextClaimAt;
    private boolean groupMissing;

    private GroupMember(RedisConnections connections, PersistenceWatch persistence, ConsumerSpec spec,
                        MessageHandler handler, Consumer<GroupMember> onClose) {
        this.connections = connections;
        this.group = new StreamGroup(connections.commands(), connections.config().streamPrefix() + spec.topic(),
                spec.group());
        this.topic = spec.topic();
        this.name = "eventbus-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8)
                + spec.ownerMark();
        this.handler = Objects.requireNonNull(handler, "handler");
        this.redeliverAfterMillis = spec.redeliverAfter().toMillis();
        // Scan for idle entries a few times per redelivery period, so one is taken over soon after it is due.
        this.claimIntervalNanos = clamp(spec.redeliverAfter().dividedBy(4), Duration.ofMillis(50),
                Duration.ofSeconds(5));
        this.lanes = KeyedExecutor.withThreads("eventbus-redis-" + spec.group(), spec.concurrency(),
                spec.concurrency() * READ_AHEAD_PER_LANE);
        this.acks = new AckBatcher(connections, group.stream(), spec.group());
        this.onClose = onClose;
        long now = System.nanoTime();
        this.nextClaimAt = now;
        this.membership = new Membership(group, name, connections.config().consumerExpiry(), now);
        this.persistence = persistence;
        this.trimmer = new StreamTrimmer(connections.commands(), group.stream(), connections.config().streamMaxLength(),
                now);
        this.reader = new Thread(this::read, "eventbus-redis-reader-" + spec.group());
        reader.setDaemon(true);
    }

    /**
     * Creates the group if needed (starting at the stream's end) and starts consuming.
     *
     * @param onClose told once when the member has closed
     * @throws com.bizosaas.eventbus.EventBusException when Redis cannot be reached or refuses
     */
    public static GroupMember join(RedisConnections connections, PersistenceWatch persistence, ConsumerSpec spec,
                                   MessageHandler handler, Consumer<GroupMember> onClose) {
        GroupMember member = new GroupMember(connections, persistence, spec, handler, onClose);
        try {
            Connection first = connections.openDedicated();
            member.connection = first;
            member.group.create(first::executeCommand, StreamEntryID.XGROUP_LAST_ENTRY);
            member.refuseForeignMembers(first::executeCommand, spec);
            member.membership.register(first::executeCommand, System.nanoTime());
            member.persistence.check(first::executeCommand).ifPresent(member::reportLoss);
        } catch (RuntimeException e) {
            member.disconnect();
            throw RedisFailures.translate("Joining group " + spec.group() + " on " + member.group.stream(),
                    connections.config().address(), e);
        }
        member.reader.start();
        return member;
    }

    /** Members carry their deployment in their name; only recently active ones count (a dead one's entry lingers). */
    private void refuseForeignMembers(StreamGroup.Commands redis, ConsumerSpec spec) {
        for (StreamConsumerInfo member : group.consumers(redis)) {
            if (member.getIdle() < LIVE_MEMBER_IDLE_MILLIS && spec.isForeign(member.getName())) {
                throw spec.foreignMemberRefusal("Redis", member.getName());
            }
        }
    }

    private void read() {
        int failures = 0;
        boolean outage = false;
        while (!closed.get()) {
            try {
                Connection current = connected();
                StreamGroup.Commands redis = current::executeCommand;
                if (groupMissing) {
                    // Redis lost the group (restart without persistence): every entry now in the stream is new.
                    group.create(redis, StreamGroup.START);
                    membership.register(redis, System.nanoTime());
                    groupMissing = false;
                    LOG.warn("Recreated consumer group {} on {}: Redis had lost it", group.group(), group.stream());
                    reportLoss("consumer group " + group.group() + " on stream " + group.stream() + " vanished");
                }
                long now = System.nanoTime();
                membership.tend(redis, now);
                if (now - nextClaimAt >= 0) {
                    claimIdle(redis, now);
                }
                if (outage) {
                    persistence.check(redis).ifPresent(this::reportLoss);
                    LOG.info("Reading {} for group {} again", group.stream(), group.group());
                    outage = false;
                }
                trimmer.trimIfDue(redis, now);
                readNew(redis);
                acks.flush();
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (closed.get()) {
                    break;
                }
                if (RedisFailures.isMissingGroup(e)) {
                    groupMissing = true;
                    continue;
                }
                if (RedisFailures.isConnectionTrouble(e)) {
                    if (!outage) {
                        LOG.warn("Lost Redis at {} while reading {} for group {}; retrying with backoff: {}",
                                connections.config().address(), group.stream(), group.group(), e.toString());
                    }
                    outage = true;
                    disconnect();
                } else {
                    THROTTLED.error("read:" + group.stream(), "Reading {} for group {} failed; retrying",
                            group.stream(), group.group(), e);
                }
                pause(READ_RETRY.delayAfter(++failures).toMillis());
            }
        }
        disconnect();
    }

    private void reportLoss(String reason) {
        try {
            handler.messagesLost(reason);
        } catch (RuntimeException e) {
            LOG.error("The handler of group {} failed on a loss report ({})", group.group(), reason, e);
        }
    }

    /** The group's entries not yet acknowledged, read over the pool. */
    public long lag() {
        return connections.withPool(client -> group.lag(client::executeCommand));
    }

    public String groupName() {
        return group.group();
    }

    private Connection connected() {
        Connection current = connection;
        if (current == null || current.isBroken() || !current.isConnected()) {
            disconnect();
            current = connections.openDedicated();
            connection = current;
        }
        return current;
    }

    private void readNew(StreamGroup.Commands redis) throws InterruptedException {
        int block = blockMillis();
        int slots = lanes.reserve(BATCH, Duration.ofMillis(block));
        if (slots == 0) {
            return;
        }
        List<StreamEntryBinary> entries;
        try {
            entries = group.readNew(redis, name, slots, block);
        } catch (RuntimeException e) {
            lanes.release(slots);
            throw e;
        }
        lanes.release(slots - entries.size());
        dispatch(entries, false);
    }

    /** Blocks no longer than until the next claim scan is due. */
    private int blockMillis() {
        long untilClaim = TimeUnit.NANOSECONDS.toMillis(nextClaimAt - System.nanoTime());
        // BLOCK 0 would wait forever.
        return (int) Math.max(1, Math.min(RedisConnections.MAX_BLOCK_MILLIS, untilClaim));
    }

    private void claimIdle(StreamGroup.Commands redis, long now) {
        int slots = lanes.reserveFree(BATCH);
        if (slots == 0) {
            nextClaimAt = now + claimIntervalNanos;
            return;
        }
        StreamGroup.Claim claim;
        try {
            claim = group.claimIdle(redis, name, redeliverAfterMillis, claimCursor, slots);
        } catch (RuntimeException e) {
            lanes.release(slots);
            throw e;
        }
        claimCursor = claim.next();
        List<StreamEntryBinary> taken = claim.entries().stream().filter(e -> !inFlight.contains(e.getID())).toList();
        lanes.release(slots - taken.size());
        dispatch(taken, true);
        // A cursor other than 0-0 means the pending list was not scanned to its end: go on at once.
        nextClaimAt = StreamGroup.START.equals(claimCursor) ? now + claimIntervalNanos : now;
    }

    private void dispatch(List<StreamEntryBinary> entries, boolean redelivered) {
        for (StreamEntryBinary entry : entries) {
            StreamEntryID id = entry.getID();
            ReceivedMessage message = StreamEntries.message(topic, entry, redelivered);
            inFlight.add(id);
            try {
                // The slot reserved before reading comes free when the handler is done (or at once if rejected).
                lanes.executeReserved(message.key(), () -> handle(id, message));
            } catch (RejectedExecutionException e) {
                // Closing: the entry stays pending for another member.
                inFlight.remove(id);
            }
        }
    }

    private void handle(StreamEntryID id, ReceivedMessage message) {
        try {
            handler.handle(message);
            // A member closed mid-handling acknowledges nothing more, as if its process had died.
            if (!closed.get()) {
                acks.ack(id);
            }
        } catch (Exception e) {
            if (!closed.get()) {
                THROTTLED.warn("handler:" + group.stream(),
                        "Handler failed on entry {} of {} (group {}); it is handed out again after {} ms",
                        id, group.stream(), group.group(), redeliverAfterMillis, e);
            }
        } finally {
            inFlight.remove(id);
        }
    }

    private void pause(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void disconnect() {
        Connection current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a reader connection failed", e);
            }
        }
    }

    /** Stops reading, interrupts running handlers and leaves every unfinished entry pending. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closing.countDown();
        Connection current = connection;
        if (current != null) {
            try {
                // Wakes the reader out of its blocking XREADGROUP.
                current.forceDisconnect();
            } catch (Exception e) {
                LOG.debug("Aborting the reader connection failed", e);
            }
        }
        try {
            reader.join(connections.config().timeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lanes.shutdownNow();
        try {
            lanes.awaitTermination(HANDLER_WAIT_ON_CLOSE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acks.flush();
        membership.leave(connections.pooled()::executeCommand);
        onClose.accept(this);
    }

    private static long clamp(Duration value, Duration min, Duration max) {
        Duration bounded = value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
        return bounded.toNanos();
    }
}

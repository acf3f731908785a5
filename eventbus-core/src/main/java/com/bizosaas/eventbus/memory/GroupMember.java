package com.bizosaas.eventbus.memory;

import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.MessageHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a consumer group of {@link InMemoryMessageBroker}, with {@code concurrency}
 * worker threads taking lanes from the group. Closing it hands every in-flight message back to
 * the group unacknowledged and interrupts the workers without waiting for them. Thread-safe.
 */
final class GroupMember implements BrokerSubscription {
    private static final Logger LOG = LoggerFactory.getLogger(GroupMember.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    /** Messages one worker handles from a lane before letting other keys have a turn. */
    private static final int LANE_BATCH = 64;
    private static final long FIRST_RETRY_MILLIS = 10;

    private final ConsumerGroup group;
    private final ConsumerSpec spec;
    private final MessageHandler handler;
    private final ScheduledExecutorService retries;
    private final Consumer<GroupMember> onClose;
    private final List<Worker> workers = new ArrayList<>();
    private final ExecutorService threads;
    private volatile boolean closed;

    GroupMember(ConsumerGroup group, ConsumerSpec spec, MessageHandler handler, ScheduledExecutorService retries,
                Consumer<GroupMember> onClose) {
        this.group = group;
        this.spec = spec;
        this.handler = handler;
        this.retries = retries;
        this.onClose = onClose;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(spec.concurrency(), r -> {
            Thread t = new Thread(r, "eventbus-memory-" + group.name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        for (int i = 0; i < spec.concurrency(); i++) {
            Worker w = new Worker();
            workers.add(w);
            threads.execute(w);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker w : workers) {
            KeyLane lane = w.current;
            if (lane != null) {
                lane.revoke(w);
            }
        }
        threads.shutdownNow();
        onClose.accept(this);
    }

    private final class Worker implements Runnable {
        /** The lane this worker owns, so close() can revoke it. */
        private volatile KeyLane current;

        @Override
        public void run() {
            while (!closed) {
                KeyLane lane;
                try {
                    lane = group.take();
                } catch (InterruptedException e) {
                    return;
                }
                PendingMessage message = lane.acquire(this);
                current = lane;
                // Re-checked after publishing current: either close() sees the lane or this sees closed.
                if (closed) {
                    lane.revoke(this);
                    return;
                }
                work(lane, message);
                current = null;
            }
        }

        private void work(KeyLane lane, PendingMessage first) {
            PendingMessage message = first;
            int handled = 0;
            while (message != null) {
                Throwable failure = handle(message);
                if (failure == null) {
                    message = lane.acknowledge(this, ++handled < LANE_BATCH && !closed);
                } else {
                    int failures = lane.fail(this);
                    if (failures > 0) {
                        retryLater(lane, message, failures, failure);
                    }
                    message = null;
                }
            }
        }

        private Throwable handle(PendingMessage message) {
            try {
                handler.handle(message.toReceived());
                return null;
            } catch (Exception | Error e) {
                // The worker must outlive any handler failure, or its lane would stay owned forever.
                return e;
            } finally {
                if (!closed) {
                    // An interrupt meant for the handler must not end this worker.
                    Thread.interrupted();
                }
            }
        }

        private void retryLater(KeyLane lane, PendingMessage message, int failures, Throwable failure) {
            long delay = Math.min(spec.redeliverAfter().toMillis(), FIRST_RETRY_MILLIS << Math.min(failures - 1, 9));
            THROTTLED.warn("handler:" + group.name(),
                    "Handler in group {} failed on a message with key {} ({} time(s) in a row); redelivering in {} ms",
                    group.name(), message.key(), failures, delay, failure);
            try {
                retries.schedule(lane::retry, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // The broker is closing: nothing will consume the lane any more.
            }
        }
    }
}

package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.server.TestHttp.Reply;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishers spread over the instances of a {@link ServerCluster}, one per instance, each sending
 * batches to its own instance and, when that one is down or draining, to the next, as a load
 * balancer would. A batch keeps its event ids when it is sent again, so a retry after a lost reply
 * is de-duplicated by the store. Records what was acknowledged and every request that failed in a
 * way a load balancer could not have hidden (a reset or empty reply, a 5xx other than a draining
 * instance's 503).
 */
final class ClusterLoad {
    private static final Duration BATCH_DEADLINE = Duration.ofSeconds(120);

    private final ServerCluster cluster;
    private final String tenant;
    private final int subjects;
    private final int batchSize;
    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextSubject = new AtomicInteger();
    private final AtomicInteger nextBatch = new AtomicInteger();
    /** Batches to send in all; lowered by {@link #stop()}. */
    private volatile int batchLimit;
    private ExecutorService publishers;
    private final List<Future<?>> runs = new ArrayList<>();

    ClusterLoad(ServerCluster cluster, String tenant, int subjects, int batchSize) {
        this.cluster = cluster;
        this.tenant = tenant;
        this.subjects = subjects;
        this.batchSize = batchSize;
    }

    /** Starts one publisher per instance; together they send {@code batches} batches. */
    void start(int batches) {
        batchLimit = batches;
        publishers = Executors.newFixedThreadPool(cluster.size());
        for (int i = 0; i < cluster.size(); i++) {
            int home = i;
            runs.add(publishers.submit(() -> publish(home)));
        }
    }

    /** No new batch is started; {@link #finish()} then waits for those under way. */
    void stop() {
        batchLimit = 0;
    }

    /** Waits for every batch to be acknowledged; rethrows a publisher's failure. */
    void finish() throws Exception {
        for (Future<?> run : runs) {
            run.get(BATCH_DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
        }
        publishers.shutdown();
    }

    /** Event id to subject of every acknowledged event. */
    Map<String, String> acknowledged() {
        return acknowledged;
    }

    List<String> failures() {
        return failures;
    }

    private void publish(int home) {
        for (int batch = nextBatch.getAndIncrement(); batch < batchLimit; batch = nextBatch.getAndIncrement()) {
            Map<String, String> events = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder("{\"events\": [");
            for (int i = 0; i < batchSize; i++) {
                String id = UUID.randomUUID().toString();
                String subject = "subject-" + nextSubject.getAndIncrement() % subjects;
                events.put(id, subject);
                body.append(i == 0 ? "" : ",").append("""
                        {"event_id": "%s", "event_type": "scale.tested", "tenant_id": "%s", "subject": "%s",
                         "data": {"batch": %d}}""".formatted(id, tenant, subject, batch));
            }
            body.append("]}");
            sendUntilAcknowledged(home, body.toString(), events);
        }
    }

    private void sendUntilAcknowledged(int home, String body, Map<String, String> events) {
        long deadline = System.nanoTime() + BATCH_DEADLINE.toNanos();
        for (int attempt = 0; ; attempt++) {
            int instance = (home + attempt) % cluster.size();
            if (send(instance, body)) {
                acknowledged.putAll(events);
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a batch was not acknowledged by any instance within " + BATCH_DEADLINE);
            }
            if (attempt % cluster.size() == cluster.size() - 1) {
                pause();
            }
        }
    }

    /** True when acknowledged; false when the instance is down or draining; records any other failure. */
    private boolean send(int instance, String body) {
        Reply reply;
        try {
            reply = cluster.http(instance).post("/events/publish", body);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof ConnectException)) {
                failures.add("instance " + instance + ": " + e.getCause());
            }
            return false;
        }
        if (reply.status() == 200 || reply.status() == 201) {
            return true;
        }
        if (reply.status() != 503) {
            failures.add("instance " + instance + ": " + reply.status() + " " + reply.body());
        }
        return false;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

package com.bizosaas.eventbus.broker.redis.internal;

import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.spi.BrokerMessage;
import com.bizosaas.eventbus.spi.Destination;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.XAddParams;

/**
 * Sends publish requests from one thread, pipelining every request waiting at the moment into one
 * round trip of XADDs (group commit), so many small concurrent publishes cost about as much as one
 * large batch. One thread also keeps publishes in call order. Futures complete on that thread.
 * Thread-safe.
 */
public final class StreamPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);
    /** Messages per pipelined round trip; one request is never split. */
    private static final int MAX_PIPELINE = 2_000;
    private static final long IDLE_POLL_MILLIS = 200;

    private final RedisConnections connections;
    private final XAddParams addParams;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread sender;
    private volatile boolean closed;

    public StreamPublisher(RedisConnections connections) {
        this.connections = connections;
        // No MAXLEN: it would trim entries no group has read yet. StreamTrimmer bounds the stream.
        this.addParams = XAddParams.xAddParams();
        this.sender = new Thread(this::run, "eventbus-redis-publisher");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues the batch; the future completes once Redis replied to every XADD of it. */
    public CompletableFuture<Void> publish(Destination destination, List<BrokerMessage> messages) {
        if (closed) {
            return CompletableFuture.failedFuture(closedFailure());
        }
        if (messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Request request = new Request(StreamEntries.bytes(connections.config().streamPrefix() + destination.topic()),
                destination.routingKey(), List.copyOf(messages), new CompletableFuture<>());
        queue.add(request);
        // close() may have drained the queue between the check above and the add.
        if (closed && queue.remove(request)) {
            request.done().completeExceptionally(closedFailure());
        }
        return request.done();
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Request first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int size = first.messages().size();
                Request next;
                while (size < MAX_PIPELINE && (next = queue.poll()) != null) {
                    batch.add(next);
                    size += next.messages().size();
                }
                send(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Never let the sender die: fail the batch in hand and carry on with the next one.
                THROTTLED.error("publish", "Unexpected failure while publishing {} request(s) to Redis",
                        batch.size(), e);
                batch.forEach(r -> r.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void send(List<Request> batch) {
        List<List<Response<byte[]>>> replies;
        try {
            // A retry after connection trouble may duplicate entries; consumers de-duplicate on the event id.
            replies = connections.withPool(client -> pipeline(client, batch));
        } catch (RuntimeException e) {
            var failure = RedisFailures.translate("Publishing", connections.config().address(), e);
            batch.forEach(r -> r.done().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), replies.get(i));
        }
    }

    private List<List<Response<byte[]>>> pipeline(RedisClient client, List<Request> batch) {
        List<List<Response<byte[]>>> replies = new ArrayList<>(batch.size());
        try (Pipeline pipeline = client.pipelined()) {
            for (Request request : batch) {
                List<Response<byte[]>> ids = new ArrayList<>(request.messages().size());
                for (BrokerMessage message : request.messages()) {
                    ids.add(pipeline.xadd(request.stream(), addParams,
                            StreamEntries.fields(request.routingKey(), message)));
                }
                replies.add(ids);
            }
            pipeline.sync();
        }
        return replies;
    }

    private void complete(Request request, List<Response<byte[]>> ids) {
        try {
            ids.forEach(Response::get);
            request.done().complete(null);
        } catch (RuntimeException e) {
            request.done().completeExceptionally(
                    RedisFailures.translate("Publishing", connections.config().address(), e));
        }
    }

    /** Sends what is queued already, then stops; publishes after this fail. */
    @Override
    public void close() {
        closed = true;
        try {
            sender.join(connections.config().timeout().toMillis() * 2 + IDLE_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Request left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(closedFailure());
        }
    }

    private static IllegalStateException closedFailure() {
        return new IllegalStateException("the Redis broker is closed");
    }

    private record Request(byte[] stream, String routingKey, List<BrokerMessage> messages,
                           CompletableFuture<Void> done) {
    }
}

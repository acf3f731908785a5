package com.bizosaas.eventbus.broker.redis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Acknowledges handled entries with XACK. Whichever handler thread finds no XACK in progress
 * sends every id queued so far in one command, so acknowledgements batch up under load without
 * ever waiting for a timer. Ids whose XACK failed for connection trouble stay queued for the next
 * {@link #flush()}. Thread-safe.
 */
final class AckBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(AckBatcher.class);
    private static final int MAX_IDS_PER_ACK = 1_000;

    private final RedisConnections connections;
    private final String stream;
    private final String group;
    private final ConcurrentLinkedQueue<StreamEntryID> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();

    AckBatcher(RedisConnections connections, String stream, String group) {
        this.connections = connections;
        this.stream = stream;
        this.group = group;
    }

    void ack(StreamEntryID id) {
        queue.add(id);
        flush();
    }

    /** Sends queued acknowledgements unless another thread is sending them already. */
    void flush() {
        // Re-checking after unlock closes the gap where an id is queued just as the sender finishes.
        while (!queue.isEmpty() && sending.tryLock()) {
            try {
                if (!sendQueued()) {
                    return;
                }
            } finally {
                sending.unlock();
            }
        }
    }

    /** @return false when Redis could not be reached, so the caller stops retrying for now */
    private boolean sendQueued() {
        List<StreamEntryID> ids = new ArrayList<>();
        StreamEntryID id;
        while (ids.size() < MAX_IDS_PER_ACK && (id = queue.poll()) != null) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return true;
        }
        try {
            StreamEntryID[] batch = ids.toArray(StreamEntryID[]::new);
            connections.withPool(client -> client.xack(stream, group, batch));
            return true;
        } catch (JedisDataException e) {
            // The group is gone (Redis lost its data): there is nothing left to acknowledge.
            LOG.debug("Dropping {} acknowledgement(s) on {} for group {}: {}", ids.size(), stream, group,
                    e.getMessage());
            return true;
        } catch (RuntimeException e) {
            queue.addAll(ids);
            LOG.debug("Could not acknowledge {} entries on {} yet: {}", ids.size(), stream, e.toString());
            return false;
        }
    }
}

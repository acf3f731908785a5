package com.bizosaas.eventbus.broker.redis.internal;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Knows whether the Redis run the broker talks to keeps what it confirms, and notices a new run:
 * a Redis that was not durable and restarted has lost entries it had confirmed. Probed when a
 * member joins and whenever a reader reconnects. Logs one warning per run that is not durable.
 * Thread-safe; shared by the broker's members.
 */
public final class PersistenceWatch {
    private static final Logger LOG = LoggerFactory.getLogger(PersistenceWatch.class);

    private final RedisConnections connections;
    private volatile ServerPersistence known;

    public PersistenceWatch(RedisConnections connections) {
        this.connections = connections;
    }

    /**
     * Probes Redis.
     *
     * @return what was lost, when Redis restarted since the last probe and its previous run was not durable
     */
    synchronized Optional<String> check(StreamGroup.Commands redis) {
        ServerPersistence now = ServerPersistence.probe(redis, connections.commands(), connections.config().durable());
        ServerPersistence before = known;
        known = now;
        boolean newRun = before == null || !Objects.equals(before.runId(), now.runId());
        if (newRun && !now.durable()) {
            LOG.warn("Redis at {} does not keep what it confirms ({}): every event stays in the outbox until "
                    + "dispatched and is published again if Redis loses it", connections.config().address(),
                    now.description());
        }
        if (before != null && newRun && before.runId() != null && !before.durable()) {
            return Optional.of("Redis at " + connections.config().address() + " restarted (run id " + before.runId()
                    + " -> " + now.runId() + ") and its previous run was not durable: " + before.description());
        }
        return Optional.empty();
    }

    /** The last probe's answer; empty until Redis was first reached. */
    public Optional<ServerPersistence> known() {
        return Optional.ofNullable(known);
    }
}

package com.bizosaas.eventbus.broker.redis.internal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.resps.StreamConsumerInfo;

/**
 * A member's standing in its group: registers it, keeps its heartbeat fresh, and removes members
 * that died with nothing pending once they have been idle for the consumer expiry. Members with
 * pending entries stay until those are claimed; live members keep their heartbeat, so they are
 * never removed (removing one just as it reads would drop its fresh entries from the pending
 * list). Used by the member's reader thread only, except {@link #leave}.
 */
final class Membership {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final StreamGroup group;
    private final String name;
    private final long expiryMillis;
    private final long heartbeatNanos;
    private final long expiryCheckNanos;
    private long nextHeartbeatAt;
    private long nextExpiryCheckAt;

    Membership(StreamGroup group, String name, Duration expiry, long now) {
        this.group = group;
        this.name = name;
        this.expiryMillis = expiry.toMillis();
        this.heartbeatNanos = expiry.dividedBy(3).toNanos();
        this.expiryCheckNanos = Math.min(Duration.ofMinutes(1).toNanos(), expiry.dividedBy(2).toNanos());
        this.nextHeartbeatAt = now;
        this.nextExpiryCheckAt = now;
    }

    /** Lists the member in the group right away (Redis 7.0 would list it only once it read something). */
    void register(StreamGroup.Commands redis, long now) {
        group.addConsumer(redis, name);
        heartbeat(redis, now);
    }

    /** Beats and expires dead members when their time has come. */
    void tend(StreamGroup.Commands redis, long now) {
        if (now - nextHeartbeatAt >= 0) {
            heartbeat(redis, now);
        }
        if (now - nextExpiryCheckAt >= 0) {
            nextExpiryCheckAt = now + expiryCheckNanos;
            expireDeadMembers(redis);
        }
    }

    /** Drops the heartbeat so other members may expire this one, and leaves at once when nothing is pending. */
    void leave(StreamGroup.Commands redis) {
        try {
            group.stopHeartbeat(redis, name);
            for (StreamConsumerInfo member : group.consumers(redis)) {
                if (member.getName().equals(name) && member.getPending() == 0) {
                    group.deleteConsumer(redis, name);
                }
            }
        } catch (RuntimeException e) {
            LOG.debug("Could not remove consumer {} from group {}; another member expires it later", name,
                    group.group(), e);
        }
    }

    private void heartbeat(StreamGroup.Commands redis, long now) {
        group.heartbeat(redis, name, expiryMillis);
        nextHeartbeatAt = now + heartbeatNanos;
    }

    private void expireDeadMembers(StreamGroup.Commands redis) {
        for (StreamConsumerInfo member : group.consumers(redis)) {
            if (!member.getName().equals(name) && member.getPending() == 0 && member.getIdle() >= expiryMillis
                    && !group.isAlive(redis, member.getName())) {
                group.deleteConsumer(redis, member.getName());
                LOG.info("Removed consumer {} from group {} on {}: idle for {} ms with nothing pending",
                        member.getName(), group.group(), group.stream(), member.getIdle());
            }
        }
    }
}

package com.bizosaas.eventbus.broker.redis.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamGroupInfo;

/**
 * Bounds a stream without losing events: once it is longer than {@code EVENTBUS_REDIS_STREAM_MAXLEN},
 * it trims ({@code XTRIM MINID ~}) below the oldest entry some consumer group still needs, the
 * oldest pending one or else the first unread one. XADD's own MAXLEN would drop entries no group
 * has read yet. The stream is then as long as the slowest group's lag. Not thread-safe: one
 * reader thread runs it.
 */
final class StreamTrimmer {
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final CommandObjects commands;
    private final String stream;
    private final long maxLength;
    private long nextTrimAt;

    StreamTrimmer(CommandObjects commands, String stream, long maxLength, long now) {
        this.commands = commands;
        this.stream = stream;
        this.maxLength = maxLength;
        this.nextTrimAt = now;
    }

    /** Trims if it is time and the stream is over its length; returns how many entries went. */
    long trimIfDue(StreamGroup.Commands redis, long now) {
        if (maxLength == 0 || now - nextTrimAt < 0) {
            return 0;
        }
        nextTrimAt = now + INTERVAL_NANOS;
        if (redis.execute(commands.xlen(stream)) <= maxLength) {
            return 0;
        }
        List<StreamGroupInfo> groups = redis.execute(commands.xinfoGroups(stream));
        if (groups.isEmpty()) {
            // No group reads this stream; one created later starts at its end.
            return redis.execute(commands.xtrim(stream, XTrimParams.xTrimParams().maxLen(maxLength)
                    .approximateTrimming()));
        }
        StreamEntryID keepFrom = null;
        for (StreamGroupInfo group : groups) {
            StreamEntryID needed = oldestNeeded(redis, group);
            if (keepFrom == null || needed.compareTo(keepFrom) < 0) {
                keepFrom = needed;
            }
        }
        // "~" removes only whole nodes below the id: never an entry at or above it.
        return redis.execute(commands.xtrim(stream, XTrimParams.xTrimParams().minId(keepFrom.toString())
                .approximateTrimming()));
    }

    private StreamEntryID oldestNeeded(StreamGroup.Commands redis, StreamGroupInfo group) {
        if (group.getPending() > 0) {
            return redis.execute(commands.xpending(stream, group.getName())).getMinId();
        }
        StreamEntryID lastDelivered = group.getLastDeliveredId();
        return new StreamEntryID(lastDelivered.getTime(), lastDelivered.getSequence() + 1);
    }
}

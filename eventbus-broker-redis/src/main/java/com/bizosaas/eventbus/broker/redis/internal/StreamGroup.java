package com.bizosaas.eventbus.broker.redis.internal;

import java.util.List;
import java.util.Map;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamConsumerInfo;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamEntryBinary;

/**
 * The consumer-group commands on one stream, in binary form so payloads pass untouched. Each call
 * names what runs it (a dedicated reader connection or the pool). Immutable and thread-safe.
 */
final class StreamGroup {
    /** Runs one command: {@code connection::executeCommand} or {@code client::executeCommand}. */
    interface Commands {
        <T> T execute(CommandObject<T> command);
    }

    /** What one XAUTOCLAIM call took over, and where the next scan of the pending list continues. */
    record Claim(StreamEntryID next, List<StreamEntryBinary> entries) {
    }

    static final StreamEntryID START = new StreamEntryID(0, 0);

    private final CommandObjects commands;
    private final String stream;
    private final byte[] streamBytes;
    private final String group;
    private final byte[] groupBytes;

    StreamGroup(CommandObjects commands, String stream, String group) {
        this.commands = commands;
        this.stream = stream;
        this.streamBytes = StreamEntries.bytes(stream);
        this.group = group;
        this.groupBytes = StreamEntries.bytes(group);
    }

    String stream() {
        return stream;
    }

    String group() {
        return group;
    }

    /** XGROUP CREATE ... MKSTREAM at {@code start}; a group that exists already is kept as it is. */
    void create(Commands redis, StreamEntryID start) {
        try {
            redis.execute(commands.xgroupCreate(stream, group, start, true));
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** XGROUP CREATECONSUMER: Redis 7.0 lists a member only once it read something, this lists it at once. */
    void addConsumer(Commands redis, String consumer) {
        redis.execute(commands.xgroupCreateConsumer(stream, group, consumer));
    }

    /**
     * Marks {@code consumer} alive for {@code ttlMillis}. Redis 7.0 refreshes a consumer's idle time
     * only when it is served entries, so a quiet live member looks as idle as a dead one; its
     * heartbeat key tells them apart.
     */
    void heartbeat(Commands redis, String consumer, long ttlMillis) {
        redis.execute(commands.set(heartbeatKey(consumer), "alive", SetParams.setParams().px(ttlMillis)));
    }

    boolean isAlive(Commands redis, String consumer) {
        return redis.execute(commands.exists(heartbeatKey(consumer)));
    }

    void stopHeartbeat(Commands redis, String consumer) {
        redis.execute(commands.del(heartbeatKey(consumer)));
    }

    private String heartbeatKey(String consumer) {
        return stream + ":member:" + group + ":" + consumer;
    }

    /** XREADGROUP {@code >}: entries never delivered to any member, waiting up to {@code blockMillis} for some. */
    List<StreamEntryBinary> readNew(Commands redis, String consumer, int count, int blockMillis) {
        var params = XReadGroupParams.xReadGroupParams().count(count).block(blockMillis);
        var reply = redis.execute(commands.xreadGroupBinary(groupBytes, StreamEntries.bytes(consumer), params,
                Map.of(streamBytes, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
        return reply == null || reply.isEmpty() ? List.of() : reply.get(0).getValue();
    }

    /** XAUTOCLAIM: takes over up to {@code count} entries pending longer than {@code minIdleMillis}. */
    Claim claimIdle(Commands redis, String consumer, long minIdleMillis, StreamEntryID from, int count) {
        List<Object> reply = redis.execute(commands.xautoclaim(streamBytes, groupBytes, StreamEntries.bytes(consumer),
                minIdleMillis, StreamEntries.bytes(from.toString()), XAutoClaimParams.xAutoClaimParams().count(count)));
        StreamEntryID next = new StreamEntryID((byte[]) reply.get(0));
        return new Claim(next, BuilderFactory.STREAM_ENTRY_BINARY_LIST.build(reply.get(1)));
    }

    List<StreamConsumerInfo> consumers(Commands redis) {
        return redis.execute(commands.xinfoConsumers2(stream, group));
    }

    /**
     * Entries the group has not acknowledged: pending ones plus those never read (XINFO GROUPS
     * {@code lag}; where Redis cannot tell, the stream's length bounds it).
     */
    long lag(Commands redis) {
        for (StreamGroupInfo info : redis.execute(commands.xinfoGroups(stream))) {
            if (info.getName().equals(group)) {
                Object unread = info.getGroupInfo().get("lag");
                return info.getPending() + (unread instanceof Long n ? n : redis.execute(commands.xlen(stream)));
            }
        }
        return 0;
    }

    /** XGROUP DELCONSUMER; the consumer's pending entries would be dropped with it, so callers check first. */
    void deleteConsumer(Commands redis, String consumer) {
        redis.execute(commands.xgroupDelConsumer(stream, group, consumer));
    }
}

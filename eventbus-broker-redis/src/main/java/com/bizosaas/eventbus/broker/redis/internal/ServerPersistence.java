package com.bizosaas.eventbus.broker.redis.internal;

import com.bizosaas.eventbus.broker.redis.RedisConfig;
import java.util.Map;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * What one run of a Redis server keeps across its own crash, and that run's id. Only
 * {@code appendonly yes} with {@code appendfsync always} counts as durable: {@code everysec} may
 * lose the last second of confirmed writes, {@code no} whatever the OS had not flushed, and RDB
 * snapshots every write since the last one. Immutable.
 *
 * @param runId       {@code run_id} from {@code INFO server}: a new one means Redis restarted; null if refused
 * @param durable     whether a write Redis confirmed survives its crash
 * @param description why, for the log and health
 */
public record ServerPersistence(String runId, boolean durable, String description) {

    /** Asks Redis, unless {@code setting} is the operator's word. */
    static ServerPersistence probe(StreamGroup.Commands redis, CommandObjects commands, RedisConfig.Durable setting) {
        String runId = runId(redis, commands);
        switch (setting) {
            case TRUE:
                return new ServerPersistence(runId, true, RedisConfig.DURABLE + "=true");
            case FALSE:
                return new ServerPersistence(runId, false, RedisConfig.DURABLE + "=false");
            default:
                break;
        }
        Map<String, String> config;
        try {
            config = redis.execute(commands.configGet("appendonly", "appendfsync", "save"));
        } catch (JedisDataException refused) {
            // Managed Redis services often refuse CONFIG: assume the worst, which costs only republishing.
            return new ServerPersistence(runId, false, "CONFIG GET was refused (" + refused.getMessage()
                    + "), so it is treated as keeping nothing; set " + RedisConfig.DURABLE
                    + "=true if it writes every change to disk before replying");
        }
        return fromConfig(runId, config);
    }

    /** Judges {@code CONFIG GET appendonly appendfsync save}. */
    static ServerPersistence fromConfig(String runId, Map<String, String> config) {
        boolean appendOnly = "yes".equalsIgnoreCase(config.get("appendonly"));
        String fsync = config.getOrDefault("appendfsync", "?");
        String save = config.getOrDefault("save", "").trim();
        if (appendOnly && "always".equalsIgnoreCase(fsync)) {
            return new ServerPersistence(runId, true, "appendonly yes, appendfsync always");
        }
        if (appendOnly) {
            return new ServerPersistence(runId, false, "appendonly yes, appendfsync " + fsync
                    + ": a crash loses the writes not yet synced to disk");
        }
        if (!save.isEmpty()) {
            return new ServerPersistence(runId, false, "RDB snapshots only (save " + save
                    + "): a crash loses every write since the last snapshot");
        }
        return new ServerPersistence(runId, false, "appendonly no and no RDB snapshots: it keeps nothing on disk");
    }

    private static String runId(StreamGroup.Commands redis, CommandObjects commands) {
        String info;
        try {
            info = redis.execute(commands.info("server"));
        } catch (JedisDataException refused) {
            return null;
        }
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("run_id:")) {
                return line.substring("run_id:".length()).trim();
            }
        }
        return null;
    }
}

package com.bizosaas.eventbus.broker.redis;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Connects integration tests to the real Redis on 127.0.0.1:6379 and fails them, saying how to
 * start it, when it is not running. Each test class gets its own stream prefix, whose keys are
 * deleted afterwards. Register it as a static field with {@code @RegisterExtension}.
 */
public final class RedisExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String HOST = "127.0.0.1";
    public static final int PORT = 6379;

    private final String prefix = "eventbus-it:" + UUID.randomUUID() + ":";
    private RedisClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        client = RedisClient.create(HOST, PORT);
        try {
            client.ping();
        } catch (RuntimeException e) {
            client.close();
            client = null;
            throw new AssertionError("Redis is not reachable at " + HOST + ":" + PORT + ": start it with "
                    + "`redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save \"\" --appendonly no "
                    + "--dir /var/lib/redis --logfile /var/log/redis/ci.log` or run scripts/test.sh", e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client == null) {
            return;
        }
        try {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "*").count(500));
                if (!page.getResult().isEmpty()) {
                    client.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        } finally {
            client.close();
        }
    }

    /** Configuration for the local Redis with this class's stream prefix, plus {@code overrides} (EVENTBUS_REDIS_*). */
    public RedisConfig config(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of(
                RedisConfig.HOST, HOST,
                RedisConfig.PORT, String.valueOf(PORT),
                RedisConfig.STREAM_PREFIX, prefix));
        env.putAll(overrides);
        return RedisConfig.fromEnv(env);
    }

    public RedisConfig config() {
        return config(Map.of());
    }

    /** The stream key the broker uses for {@code topic}. */
    public String streamKey(String topic) {
        return prefix + topic;
    }

    /** A plain client for looking at what the broker left in Redis. */
    public RedisClient client() {
        return client;
    }
}

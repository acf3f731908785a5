package com.bizosaas.eventbus.broker.redis.internal;

import com.bizosaas.eventbus.broker.redis.RedisConfig;
import java.util.function.Function;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

/**
 * The broker's connections to one Redis: a pool shared by publishing, acknowledging and health
 * checks, and dedicated connections for the blocking group readers (so a reader never holds a
 * pooled connection and can be woken by closing its own). Thread-safe.
 */
public final class RedisConnections implements AutoCloseable {
    /** Longest XREADGROUP BLOCK a reader issues; the socket timeout of blocking calls must exceed it. */
    static final int MAX_BLOCK_MILLIS = 1_000;

    private final RedisConfig config;
    private final HostAndPort address;
    private final JedisClientConfig clientConfig;
    private final RedisClient pooled;
    // RESP2 everywhere: the dedicated readers parse replies with these command objects.
    private final CommandObjects commands = new CommandObjects(RedisProtocol.RESP2);

    public RedisConnections(RedisConfig config) {
        this.config = config;
        this.address = new HostAndPort(config.host(), config.port());
        int timeout = (int) config.timeout().toMillis();
        this.clientConfig = DefaultJedisClientConfig.builder()
                .resp2()
                .connectionTimeoutMillis(timeout)
                .socketTimeoutMillis(timeout)
                .blockingSocketTimeoutMillis(timeout + MAX_BLOCK_MILLIS)
                .user(config.username())
                .password(config.password())
                .database(config.database())
                .ssl(config.tls())
                .clientName("eventbus")
                .build();
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(config.poolSize());
        pool.setMaxIdle(config.poolSize());
        pool.setMaxWait(config.timeout());
        pool.setJmxEnabled(false);
        this.pooled = RedisClient.builder()
                .hostAndPort(address)
                .clientConfig(clientConfig)
                .poolConfig(pool)
                .build();
    }

    /** The shared pooled client; borrowing waits at most the configured timeout. */
    public RedisClient pooled() {
        return pooled;
    }

    /**
     * Runs {@code call} with the pool. If it fails for connection trouble, the idle pooled
     * connections are dropped (they go stale when Redis restarts) and {@code call} runs once more on
     * a fresh one, so the first call after a restart does not fail needlessly. Callers must accept
     * that the first attempt may have been applied.
     */
    public <T> T withPool(Function<RedisClient, T> call) {
        try {
            return call.apply(pooled);
        } catch (RuntimeException e) {
            if (!RedisFailures.isConnectionTrouble(e)) {
                throw e;
            }
            pooled.getPool().clear();
            return call.apply(pooled);
        }
    }

    /** Opens a new, unpooled connection; the caller closes it. */
    public Connection openDedicated() {
        return new Connection(address, clientConfig);
    }

    /** Command builders matching the protocol of every connection made here. */
    public CommandObjects commands() {
        return commands;
    }

    public RedisConfig config() {
        return config;
    }

    @Override
    public void close() {
        pooled.close();
    }
}

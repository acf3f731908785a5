package com.bizosaas.eventbus.broker.redis;

import com.bizosaas.eventbus.config.EnvReader;
import com.bizosaas.eventbus.routing.Namespace;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the Redis broker connects and shapes its streams. Immutable; every check names the
 * {@code EVENTBUS_REDIS_*} variable and the bad value. Defaults follow the seed: {@code localhost:6379},
 * database 0, no password, no TLS.
 *
 * @param host            {@code EVENTBUS_REDIS_HOST}, default {@code localhost}
 * @param port            {@code EVENTBUS_REDIS_PORT}, default 6379
 * @param username        {@code EVENTBUS_REDIS_USERNAME} (Redis 6 ACL user), default none
 * @param password        {@code EVENTBUS_REDIS_PASSWORD}, default none
 * @param database        {@code EVENTBUS_REDIS_DB}, default 0
 * @param tls             {@code EVENTBUS_REDIS_TLS}: TLS verified against the JVM's trust store
 *                        ({@code javax.net.ssl.trustStore}), default false
 * @param streamPrefix    {@code EVENTBUS_REDIS_STREAM_PREFIX}: stream key = prefix + topic, default
 *                        {@code <EVENTBUS_NAMESPACE>:} ({@code eventbus:})
 * @param streamMaxLength {@code EVENTBUS_REDIS_STREAM_MAXLEN}: once a stream is longer, the entries
 *                        every consumer group has acknowledged are trimmed (never an unread or
 *                        pending one, so a lagging dispatcher makes the stream longer instead of
 *                        losing events), 0 = never trim; default 1,000,000
 * @param poolSize        {@code EVENTBUS_REDIS_POOL_SIZE}: pooled connections for publishing,
 *                        acknowledging and health checks (each subscription has its own reader
 *                        connection besides), default 16
 * @param timeout         {@code EVENTBUS_REDIS_TIMEOUT_MS}: connect, socket and pool-wait timeout, so
 *                        calls fail instead of hanging while Redis is away; default 2 s
 * @param consumerExpiry  {@code EVENTBUS_REDIS_CONSUMER_EXPIRY_SECONDS}: a group member idle this long
 *                        with nothing pending is deleted from its group, default 10 min
 * @param durable         {@code EVENTBUS_REDIS_DURABLE}: whether Redis keeps what it confirmed across
 *                        its own restart; {@code auto} (default) asks Redis ({@code CONFIG GET}) and
 *                        counts only {@code appendonly yes} with {@code appendfsync always} as durable
 */
public record RedisConfig(String host, int port, String username, String password, int database, boolean tls,
                          String streamPrefix, long streamMaxLength, int poolSize, Duration timeout,
                          Duration consumerExpiry, Durable durable) {

    /** {@code EVENTBUS_REDIS_DURABLE}: an operator's word on Redis persistence, or {@code AUTO} to ask Redis. */
    public enum Durable {
        TRUE, FALSE, AUTO
    }

    public static final String HOST = "EVENTBUS_REDIS_HOST";
    public static final String PORT = "EVENTBUS_REDIS_PORT";
    public static final String USERNAME = "EVENTBUS_REDIS_USERNAME";
    public static final String PASSWORD = "EVENTBUS_REDIS_PASSWORD";
    public static final String DATABASE = "EVENTBUS_REDIS_DB";
    public static final String TLS = "EVENTBUS_REDIS_TLS";
    public static final String STREAM_PREFIX = "EVENTBUS_REDIS_STREAM_PREFIX";
    public static final String STREAM_MAXLEN = "EVENTBUS_REDIS_STREAM_MAXLEN";
    public static final String POOL_SIZE = "EVENTBUS_REDIS_POOL_SIZE";
    public static final String TIMEOUT_MS = "EVENTBUS_REDIS_TIMEOUT_MS";
    public static final String CONSUMER_EXPIRY_SECONDS = "EVENTBUS_REDIS_CONSUMER_EXPIRY_SECONDS";
    public static final String DURABLE = "EVENTBUS_REDIS_DURABLE";

    public RedisConfig {
        require(host != null && !host.isBlank(), HOST, host, "must not be blank");
        require(port >= 1 && port <= 65535, PORT, port, "must be a port number (1-65535)");
        username = blankToNull(username);
        password = blankToNull(password);
        require(database >= 0, DATABASE, database, "must be a database index (0 or more)");
        require(streamPrefix != null, STREAM_PREFIX, null, "must not be null");
        require(streamMaxLength >= 0, STREAM_MAXLEN, streamMaxLength, "must be 0 (no trimming) or more");
        require(poolSize >= 1, POOL_SIZE, poolSize, "must be at least 1");
        require(timeout != null && timeout.toMillis() >= 1 && timeout.toMillis() <= Integer.MAX_VALUE,
                TIMEOUT_MS, timeout == null ? null : timeout.toMillis(), "must be a positive number of milliseconds");
        require(consumerExpiry != null && consumerExpiry.toSeconds() >= 1, CONSUMER_EXPIRY_SECONDS,
                consumerExpiry == null ? null : consumerExpiry.toSeconds(), "must be at least 1 second");
        require(durable != null, DURABLE, null, "must be true, false or auto");
    }

    /** The seed's defaults: {@code localhost:6379}. */
    public static RedisConfig defaults() {
        return fromEnv(Map.of());
    }

    /**
     * Reads the {@code EVENTBUS_REDIS_*} variables from {@code env} (usually {@code System.getenv()}),
     * using the defaults for absent or empty ones.
     *
     * @throws com.bizosaas.eventbus.config.ConfigurationException naming the variable and its value when one is invalid
     */
    public static RedisConfig fromEnv(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        EnvReader r = EnvReader.of(env);
        return new RedisConfig(
                r.text(HOST, "localhost"),
                r.integer(PORT, 6379),
                r.text(USERNAME),
                r.text(PASSWORD),
                r.integer(DATABASE, 0),
                r.bool(TLS, false),
                env.getOrDefault(STREAM_PREFIX, Namespace.fromEnv(env).name() + ":"),
                r.number(STREAM_MAXLEN, 1_000_000L),
                r.integer(POOL_SIZE, 16),
                Duration.ofMillis(r.number(TIMEOUT_MS, 2_000L)),
                Duration.ofSeconds(r.number(CONSUMER_EXPIRY_SECONDS, 600L)),
                r.choice(DURABLE, Durable.class, Durable.AUTO));
    }

    public String address() {
        return host + ":" + port;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "RedisConfig[" + address() + "/" + database + (tls ? ", tls" : "")
                + (username == null ? "" : ", user " + username) + (password == null ? "" : ", password ***")
                + ", streamPrefix=" + streamPrefix + ", streamMaxLength=" + streamMaxLength + ", poolSize=" + poolSize
                + ", timeout=" + timeout + ", consumerExpiry=" + consumerExpiry + ", durable=" + durable + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static void require(boolean valid, String name, Object value, String rule) {
        if (!valid) {
            throw EnvReader.invalid(name, rule, value);
        }
    }
}

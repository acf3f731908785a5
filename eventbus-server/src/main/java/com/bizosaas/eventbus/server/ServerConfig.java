package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.config.EnvReader;
import com.bizosaas.eventbus.delivery.CircuitPolicy;
import com.bizosaas.eventbus.tenancy.RateLimit;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The server's settings, read from the seed's {@code EVENTBUS_*} environment variables with the
 * seed's defaults. Immutable; {@link #fromEnvironment} rejects a bad value with a
 * {@link ValidationException} whose message names the variable and the value, and whose
 * {@code field()} is the variable. Adapter settings ({@code EVENTBUS_POSTGRES_*}, {@code
 * EVENTBUS_REDIS_*}, ...) are kept in {@link #environment()} for the adapters' own config classes.
 *
 * @param port            {@code EVENTBUS_SERVICE_PORT}, 8003; 0 picks a free port (tests)
 * @param store           {@code EVENTBUS_STORE}; unset: postgres when {@code EVENTBUS_POSTGRES_HOST} is set, else memory
 * @param broker          {@code EVENTBUS_BROKER_TYPE}; unset: redis when {@code EVENTBUS_REDIS_HOST} is set, else memory
 *                        (see {@link BrokerType})
 * @param maxRetryAttempts {@code EVENTBUS_MAX_RETRY_ATTEMPTS}, 3: attempts of a subscription that sets none
 * @param eventTtlDays    {@code EVENTBUS_EVENT_TTL_DAYS}, 30
 * @param tenantIsolation {@code EVENTBUS_ENABLE_TENANT_ISOLATION}, true: a tenant's API key acts only for its tenant
 * @param maxEventBytes   {@code EVENTBUS_MAX_EVENT_BYTES}, 262144: the largest request body accepted
 * @param webhookTimeout  {@code EVENTBUS_WEBHOOK_TIMEOUT_MS}, 10 s
 * @param webhookDenyPrivate {@code EVENTBUS_WEBHOOK_DENY_PRIVATE}, false: refuse webhook targets on loopback and
 *                        private addresses too (recommended in production)
 * @param pullLease       {@code EVENTBUS_PULL_LEASE_MS}, 30 s
 * @param maxStreams      {@code EVENTBUS_MAX_STREAMS}, 200: live tails ({@code GET /events/stream}) served at once
 * @param streamTimings   {@code EVENTBUS_STREAM_HEARTBEAT_MS} (1 s), {@code EVENTBUS_STREAM_POLL_MS} (1 s),
 *                        {@code EVENTBUS_STREAM_BUFFER} (1000 events) and {@code EVENTBUS_STREAM_IDLE_TIMEOUT_MS}
 *                        (30 s): see {@link StreamTimings}
 * @param requestReadTimeout {@code EVENTBUS_REQUEST_READ_TIMEOUT_MS}, 10 s: time for a request body to arrive in full
 * @param maxRequestsPerClient {@code EVENTBUS_MAX_REQUESTS_PER_CLIENT}, 256: requests in flight per client address
 * @param apiKeys         {@code EVENTBUS_API_KEYS}, none (authentication off)
 * @param rateLimit       {@code EVENTBUS_RATE_LIMIT_PER_SECOND} and {@code EVENTBUS_RATE_LIMIT_BURST} (default the
 *                        per-second value): every tenant's default limit; null (unset) when tenants are not limited
 * @param corsOrigins     {@code EVENTBUS_CORS_ORIGINS}, none: browser origins allowed to call the API
 *                        ({@code scheme://host[:port]}, comma-separated), or just {@code *} for any
 * @param debug           {@code EVENTBUS_DEBUG}, false: debug logging of the bus
 * @param logFormat       {@code EVENTBUS_LOG_FORMAT}, text; json writes one JSON object per line
 * @param shutdownTimeout {@code EVENTBUS_SHUTDOWN_TIMEOUT_MS}, 25 s: the most a SIGTERM shutdown may take
 * @param circuitPolicy   {@code EVENTBUS_CIRCUIT_FAILURE_THRESHOLD}, 5 consecutive failures open a webhook
 *                        subscription's circuit; {@code EVENTBUS_CIRCUIT_COOL_DOWN_MS}, 30 s until a probe;
 *                        {@code EVENTBUS_DISABLE_AFTER}, P5D (ISO-8601): an endpoint failing longer is disabled
 * @param environment     every {@code EVENTBUS_*} variable as given, for adapter configuration
 */
public record ServerConfig(
        int port,
        StoreType store,
        BrokerType broker,
        int maxRetryAttempts,
        int eventTtlDays,
        boolean tenantIsolation,
        int maxEventBytes,
        Duration webhookTimeout,
        boolean webhookDenyPrivate,
        Duration pullLease,
        int maxStreams,
        StreamTimings streamTimings,
        Duration requestReadTimeout,
        int maxRequestsPerClient,
        ApiKeys apiKeys,
        RateLimit rateLimit,
        List<String> corsOrigins,
        boolean debug,
        LogFormat logFormat,
        Duration shutdownTimeout,
        CircuitPolicy circuitPolicy,
        Map<String, String> environment) {

    public static final int DEFAULT_PORT = 8003;

    static final String STORE = "EVENTBUS_STORE";
    static final String BROKER_TYPE = "EVENTBUS_BROKER_TYPE";
    static final String POSTGRES_HOST = "EVENTBUS_POSTGRES_HOST";
    static final String REDIS_HOST = "EVENTBUS_REDIS_HOST";
    static final String RATE_LIMIT_PER_SECOND = "EVENTBUS_RATE_LIMIT_PER_SECOND";
    static final String RATE_LIMIT_BURST = "EVENTBUS_RATE_LIMIT_BURST";

    /**
     * Where events, subscriptions and deliveries are kept. With {@code EVENTBUS_STORE} unset, the
     * seed's deployments, which set only {@code EVENTBUS_POSTGRES_HOST}, get PostgreSQL: they
     * expect a durable bus, not one that forgets everything on restart.
     */
    public enum StoreType { MEMORY, POSTGRES }

    /**
     * Which broker fans events out. The seed's default is {@code redis}, which its deployments
     * select by setting {@code EVENTBUS_REDIS_HOST}; with neither that nor {@code
     * EVENTBUS_BROKER_TYPE} the server runs standalone on the in-memory broker.
     */
    public enum BrokerType { MEMORY, REDIS, RABBITMQ, KAFKA }

    /**
     * How the live tail ({@code GET /events/stream}) paces itself.
     *
     * @param heartbeat a {@code : keep-alive} comment follows this much silence; its failed write is
     *                  how a client that left is noticed
     * @param poll      how often the store is read for each tenant with open streams, which is how
     *                  events dispatched by another server instance reach this one's streams
     * @param buffer    events waiting for one client; a client further behind is ended (it resumes
     *                  with {@code Last-Event-ID}) so that it never slows the others
     * @param idle      how long a write to a client that reads nothing may wait before its stream is
     *                  closed and its place freed; longer than {@code heartbeat}, which keeps a healthy
     *                  stream busy
     */
    public record StreamTimings(Duration heartbeat, Duration poll, int buffer, Duration idle) {
    }

    /** Shape of log lines on standard output. */
    public enum LogFormat { TEXT, JSON }

    public ServerConfig {
        corsOrigins = List.copyOf(corsOrigins);
        environment = Map.copyOf(environment);
    }

    /** The settings of an empty environment: every default. */
    public static ServerConfig defaults() {
        return fromEnvironment(Map.of());
    }

    /** Reads and validates the settings; variables outside {@code EVENTBUS_*} are ignored. */
    public static ServerConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> ours = new TreeMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("EVENTBUS_") && value != null && !value.isBlank()) {
                ours.put(name, value.trim());
            }
        });
        Reader r = new Reader(EnvReader.of(ours));
        return new ServerConfig(
                r.integer("EVENTBUS_SERVICE_PORT", DEFAULT_PORT, 0, 65535),
                r.choice(STORE, StoreType.class, ours.containsKey(POSTGRES_HOST) ? StoreType.POSTGRES : StoreType.MEMORY),
                r.choice(BROKER_TYPE, BrokerType.class, ours.containsKey(REDIS_HOST) ? BrokerType.REDIS : BrokerType.MEMORY),
                r.integer("EVENTBUS_MAX_RETRY_ATTEMPTS", 3, 1, 100),
                r.integer("EVENTBUS_EVENT_TTL_DAYS", 30, 1, 36_500),
                r.bool("EVENTBUS_ENABLE_TENANT_ISOLATION", true),
                r.integer("EVENTBUS_MAX_EVENT_BYTES", 262_144, 1_024, 16 * 1024 * 1024),
                Duration.ofMillis(r.integer("EVENTBUS_WEBHOOK_TIMEOUT_MS", 10_000, 100, 300_000)),
                r.bool("EVENTBUS_WEBHOOK_DENY_PRIVATE", false),
                Duration.ofMillis(r.integer("EVENTBUS_PULL_LEASE_MS", 30_000, 1_000, 3_600_000)),
                r.integer("EVENTBUS_MAX_STREAMS", 200, 1, 10_000),
                r.streamTimings(),
                Duration.ofMillis(r.integer("EVENTBUS_REQUEST_READ_TIMEOUT_MS", 10_000, 100, 300_000)),
                r.integer("EVENTBUS_MAX_REQUESTS_PER_CLIENT", 256, 1, 100_000),
                ApiKeys.parse(ours.get(ApiKeys.VARIABLE)),
                r.rateLimit(RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST),
                r.origins("EVENTBUS_CORS_ORIGINS"),
                r.bool("EVENTBUS_DEBUG", false),
                r.choice("EVENTBUS_LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
                Duration.ofMillis(r.integer("EVENTBUS_SHUTDOWN_TIMEOUT_MS", 25_000, 1_000, 600_000)),
                new CircuitPolicy(r.integer("EVENTBUS_CIRCUIT_FAILURE_THRESHOLD", 5, 1, 10_000),
                        Duration.ofMillis(r.integer("EVENTBUS_CIRCUIT_COOL_DOWN_MS", 30_000, 100, 86_400_000)),
                        r.duration("EVENTBUS_DISABLE_AFTER", CircuitPolicy.DEFAULTS.disableAfter())),
                ours);
    }

    /** True when Redis is in use or named: {@code EVENTBUS_BROKER_TYPE=redis} or {@code EVENTBUS_REDIS_HOST} set. */
    public boolean redisConfigured() {
        return broker == BrokerType.REDIS || environment.containsKey(REDIS_HOST);
    }

    /**
     * Which store and broker were chosen and from which variables, for the start-up log, e.g.
     * {@code store postgres (EVENTBUS_POSTGRES_HOST set, EVENTBUS_STORE unset), broker kafka
     * (EVENTBUS_BROKER_TYPE=kafka)}.
     */
    public String componentsChoice() {
        return "store " + name(store) + " (" + origin(STORE, POSTGRES_HOST) + "), broker " + name(broker)
                + " (" + origin(BROKER_TYPE, REDIS_HOST) + ")";
    }

    private String origin(String variable, String hostVariable) {
        if (environment.containsKey(variable)) {
            return variable + "=" + environment.get(variable);
        }
        return environment.containsKey(hostVariable)
                ? hostVariable + " set, " + variable + " unset"
                : variable + " and " + hostVariable + " unset";
    }

    private static String name(Enum<?> choice) {
        return choice.name().toLowerCase(Locale.ROOT);
    }

    /** Leaves out {@link #environment()}, which may hold passwords. */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", store=" + store + ", broker=" + broker
                + ", maxRetryAttempts=" + maxRetryAttempts + ", eventTtlDays=" + eventTtlDays
                + ", tenantIsolation=" + tenantIsolation + ", maxEventBytes=" + maxEventBytes
                + ", webhookTimeout=" + webhookTimeout + ", webhookDenyPrivate=" + webhookDenyPrivate + ", pullLease=" + pullLease + ", maxStreams=" + maxStreams + ", streamTimings=" + streamTimings
                + ", requestReadTimeout=" + requestReadTimeout + ", maxRequestsPerClient=" + maxRequestsPerClient
                + ", apiKeys=" + apiKeys + ", rateLimit=" + rateLimit + ", corsOrigins=" + corsOrigins
                + ", debug=" + debug + ", logFormat=" + logFormat + ", shutdownTimeout=" + shutdownTimeout + "]";
    }

    /** The server's own compound settings, on top of the shared {@link EnvReader}. */
    record Reader(EnvReader env) {
        private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

        int integer(String name, int fallback, int min, int max) {
            return env.integer(name, fallback, min, max);
        }

        StreamTimings streamTimings() {
            int heartbeat = integer("EVENTBUS_STREAM_HEARTBEAT_MS", 1_000, 50, 60_000);
            String idleName = "EVENTBUS_STREAM_IDLE_TIMEOUT_MS";
            int idle = integer(idleName, 30_000, 100, 3_600_000);
            if (idle <= heartbeat) {
                throw EnvReader.invalid(idleName, "must be longer than EVENTBUS_STREAM_HEARTBEAT_MS (" + heartbeat + ")",
                        idle);
            }
            return new StreamTimings(Duration.ofMillis(heartbeat),
                    Duration.ofMillis(integer("EVENTBUS_STREAM_POLL_MS", 1_000, 50, 60_000)),
                    integer("EVENTBUS_STREAM_BUFFER", 1_000, 1, 100_000), Duration.ofMillis(idle));
        }

        /** An ISO-8601 duration such as {@code P5D} or {@code PT12H}, positive. */
        Duration duration(String name, Duration fallback) {
            String raw = env.text(name);
            if (raw == null) {
                return fallback;
            }
            try {
                Duration value = Duration.parse(raw);
                if (!value.isNegative() && !value.isZero()) {
                    return value;
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw EnvReader.invalid(name, "must be a positive ISO-8601 duration such as P5D or PT12H", raw);
        }

        boolean bool(String name, boolean fallback) {
            return env.bool(name, fallback);
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            return env.choice(name, type, fallback);
        }

        /** Unset per-second: no limit, and a burst alone is a mistake worth naming. */
        RateLimit rateLimit(String perSecondName, String burstName) {
            if (!env.has(perSecondName)) {
                if (env.has(burstName)) {
                    throw EnvReader.invalid(burstName, "must be set together with " + perSecondName,
                            env.text(burstName));
                }
                return null;
            }
            int perSecond = integer(perSecondName, 0, 1, 1_000_000);
            return new RateLimit(perSecond, integer(burstName, perSecond, 1, 10_000_000));
        }

        /** {@code *} alone, or origins as browsers send them: scheme, host and port, no path. */
        List<String> origins(String name) {
            String raw = env.text(name);
            if (raw == null) {
                return List.of();
            }
            List<String> origins = Arrays.stream(raw.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
            if (origins.equals(List.of("*"))) {
                return origins;
            }
            for (String origin : origins) {
                if (!ORIGIN.matcher(origin).matches()) {
                    throw EnvReader.invalid(name, "must be '*' or comma-separated origins such as"
                            + " https://app.example.com (scheme, host and optional port, no path); '" + origin
                            + "' is not one", raw);
                }
            }
            return origins;
        }
    }
}

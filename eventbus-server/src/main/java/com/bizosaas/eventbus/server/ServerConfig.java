package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.ValidationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The server's settings, read from the seed's {@code EVENTBUS_*} environment variables with the
 * seed's defaults. Immutable; {@link #fromEnvironment} rejects a bad value with a
 * {@link ValidationException} whose message names the variable and the value, and whose
 * {@code field()} is the variable. Adapter settings ({@code EVENTBUS_POSTGRES_*}, {@code
 * EVENTBUS_REDIS_*}, ...) are kept in {@link #environment()} for the adapters' own config classes.
 *
 * @param port            {@code EVENTBUS_SERVICE_PORT}, 8003; 0 picks a free port (tests)
 * @param store           {@code EVENTBUS_STORE}, memory
 * @param broker          {@code EVENTBUS_BROKER_TYPE}, memory when unset (see {@link BrokerType})
 * @param maxRetryAttempts {@code EVENTBUS_MAX_RETRY_ATTEMPTS}, 3: attempts of a subscription that sets none
 * @param eventTtlDays    {@code EVENTBUS_EVENT_TTL_DAYS}, 30
 * @param tenantIsolation {@code EVENTBUS_ENABLE_TENANT_ISOLATION}, true: a tenant's API key acts only for its tenant
 * @param maxEventBytes   {@code EVENTBUS_MAX_EVENT_BYTES}, 262144: the largest request body accepted
 * @param webhookTimeout  {@code EVENTBUS_WEBHOOK_TIMEOUT_MS}, 10 s
 * @param pullLease       {@code EVENTBUS_PULL_LEASE_MS}, 30 s
 * @param maxStreams      {@code EVENTBUS_MAX_STREAMS}, 200: live tails ({@code GET /events/stream}) served at once
 * @param requestReadTimeout {@code EVENTBUS_REQUEST_READ_TIMEOUT_MS}, 10 s: time for a request body to arrive in full
 * @param maxRequestsPerClient {@code EVENTBUS_MAX_REQUESTS_PER_CLIENT}, 256: requests in flight per client address
 * @param apiKeys         {@code EVENTBUS_API_KEYS}, none (authentication off)
 * @param debug           {@code EVENTBUS_DEBUG}, false: debug logging of the bus
 * @param logFormat       {@code EVENTBUS_LOG_FORMAT}, text; json writes one JSON object per line
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
        Duration pullLease,
        int maxStreams,
        Duration requestReadTimeout,
        int maxRequestsPerClient,
        ApiKeys apiKeys,
        boolean debug,
        LogFormat logFormat,
        Map<String, String> environment) {

    public static final int DEFAULT_PORT = 8003;

    /** Where events, subscriptions and deliveries are kept. */
    public enum StoreType { MEMORY, POSTGRES }

    /**
     * Which broker fans events out. The seed names {@code redis} as its default; this server runs
     * standalone, so with the variable unset it uses the in-memory broker, and {@code redis}
     * only when asked for.
     */
    public enum BrokerType { MEMORY, REDIS, RABBITMQ, KAFKA }

    /** Shape of log lines on standard output. */
    public enum LogFormat { TEXT, JSON }

    public ServerConfig {
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
        Reader r = new Reader(ours);
        return new ServerConfig(
                r.integer("EVENTBUS_SERVICE_PORT", DEFAULT_PORT, 0, 65535),
                r.choice("EVENTBUS_STORE", StoreType.class, StoreType.MEMORY),
                r.choice("EVENTBUS_BROKER_TYPE", BrokerType.class, BrokerType.MEMORY),
                r.integer("EVENTBUS_MAX_RETRY_ATTEMPTS", 3, 1, 100),
                r.integer("EVENTBUS_EVENT_TTL_DAYS", 30, 1, 36_500),
                r.bool("EVENTBUS_ENABLE_TENANT_ISOLATION", true),
                r.integer("EVENTBUS_MAX_EVENT_BYTES", 262_144, 1_024, 16 * 1024 * 1024),
                Duration.ofMillis(r.integer("EVENTBUS_WEBHOOK_TIMEOUT_MS", 10_000, 100, 300_000)),
                Duration.ofMillis(r.integer("EVENTBUS_PULL_LEASE_MS", 30_000, 1_000, 3_600_000)),
                r.integer("EVENTBUS_MAX_STREAMS", 200, 1, 10_000),
                Duration.ofMillis(r.integer("EVENTBUS_REQUEST_READ_TIMEOUT_MS", 10_000, 100, 300_000)),
                r.integer("EVENTBUS_MAX_REQUESTS_PER_CLIENT", 256, 1, 100_000),
                ApiKeys.parse(ours.get(ApiKeys.VARIABLE)),
                r.bool("EVENTBUS_DEBUG", false),
                r.choice("EVENTBUS_LOG_FORMAT", LogFormat.class, LogFormat.TEXT),
                ours);
    }

    /** Leaves out {@link #environment()}, which may hold passwords. */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port + ", store=" + store + ", broker=" + broker
                + ", maxRetryAttempts=" + maxRetryAttempts + ", eventTtlDays=" + eventTtlDays
                + ", tenantIsolation=" + tenantIsolation + ", maxEventBytes=" + maxEventBytes
                + ", webhookTimeout=" + webhookTimeout + ", pullLease=" + pullLease + ", maxStreams=" + maxStreams
                + ", requestReadTimeout=" + requestReadTimeout + ", maxRequestsPerClient=" + maxRequestsPerClient
                + ", apiKeys=" + apiKeys
                + ", debug=" + debug + ", logFormat=" + logFormat + "]";
    }

    /** Parses single variables, naming the variable and value in every complaint. */
    private record Reader(Map<String, String> env) {

        int integer(String name, int fallback, int min, int max) {
            String raw = env.get(name);
            if (raw == null) {
                return fallback;
            }
            try {
                int value = Integer.parseInt(raw);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below, with the range
            }
            throw invalid(name, raw, "an integer between " + min + " and " + max);
        }

        boolean bool(String name, boolean fallback) {
            String raw = env.get(name);
            if (raw == null) {
                return fallback;
            }
            return switch (raw.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw invalid(name, raw, "true or false");
            };
        }

        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            String raw = env.get(name);
            if (raw == null) {
                return fallback;
            }
            for (E option : type.getEnumConstants()) {
                if (option.name().equalsIgnoreCase(raw)) {
                    return option;
                }
            }
            StringBuilder options = new StringBuilder();
            for (E option : type.getEnumConstants()) {
                options.append(options.length() == 0 ? "" : ", ").append(option.name().toLowerCase(Locale.ROOT));
            }
            throw invalid(name, raw, "one of " + options);
        }

        private static ValidationException invalid(String name, String raw, String expected) {
            return new ValidationException("invalid_configuration",
                    name + " must be " + expected + "; got '" + raw + "'", name);
        }
    }
}

package com.bizosaas.eventbus.broker.kafka;

import com.bizosaas.eventbus.config.ConfigurationException;
import com.bizosaas.eventbus.config.EnvReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Settings of the Kafka broker adapter. Immutable; the constructor rejects a bad value with a
 * message naming its {@code EVENTBUS_KAFKA_*} variable. Build one with {@link #fromEnv(Map)} or
 * {@link #builder()}; unset values take the defaults listed on {@link Builder}.
 *
 * <p>Client properties pass through to every Kafka client (producer, consumers, admin) under one
 * rule: {@code EVENTBUS_KAFKA_PROPERTY_<NAME>} sets the Kafka property {@code <name>} (lower-cased,
 * {@code _} read as {@code .}), e.g. {@code EVENTBUS_KAFKA_PROPERTY_SASL_LOGIN_CONNECT_TIMEOUT_MS}
 * sets {@code sasl.login.connect.timeout.ms}. The usual security settings have short names by the
 * same rule without {@code PROPERTY_} ({@link #SECURITY_SHORTHANDS}, e.g.
 * {@code EVENTBUS_KAFKA_SASL_JAAS_CONFIG} sets {@code sasl.jaas.config}). Properties the adapter
 * owns for its guarantees, or that have their own variable, are refused ({@link #RESERVED}).
 *
 * @param bootstrapServers  {@code EVENTBUS_KAFKA_BOOTSTRAP_SERVERS}: {@code host:port[,host:port...]}
 * @param partitions        {@code EVENTBUS_KAFKA_PARTITIONS}: partitions of a topic the adapter creates
 * @param replicationFactor {@code EVENTBUS_KAFKA_REPLICATION_FACTOR}: replicas of a topic the adapter
 *                          creates, or {@link #BROKER_DEFAULT_REPLICATION} for the cluster's
 *                          {@code default.replication.factor}
 * @param lingerMs          {@code EVENTBUS_KAFKA_LINGER_MS}: producer {@code linger.ms}
 * @param batchSize         {@code EVENTBUS_KAFKA_BATCH_SIZE}: producer {@code batch.size} in bytes
 * @param compression       {@code EVENTBUS_KAFKA_COMPRESSION}: producer {@code compression.type}
 * @param autoOffsetReset   {@code EVENTBUS_KAFKA_AUTO_OFFSET_RESET}: where a group without a committed
 *                          offset starts ({@code earliest}, {@code latest} or {@code by_duration:<ISO-8601>})
 * @param retryBackoff      {@code EVENTBUS_KAFKA_RETRY_BACKOFF_MS}: pause before a message whose
 *                          handler threw is handed to the handler again
 * @param operationTimeout  {@code EVENTBUS_KAFKA_OPERATION_TIMEOUT_MS}: bound on topic creation,
 *                          joining a group and closing
 * @param clientProperties  Kafka client properties passed through unchanged
 */
public record KafkaConfig(String bootstrapServers, int partitions, short replicationFactor, int lingerMs,
                          int batchSize, String compression, String autoOffsetReset, Duration retryBackoff,
                          Duration operationTimeout, Map<String, String> clientProperties) {

    public static final String BOOTSTRAP_SERVERS = "EVENTBUS_KAFKA_BOOTSTRAP_SERVERS";
    public static final String PARTITIONS = "EVENTBUS_KAFKA_PARTITIONS";
    public static final String REPLICATION_FACTOR = "EVENTBUS_KAFKA_REPLICATION_FACTOR";
    public static final String LINGER_MS = "EVENTBUS_KAFKA_LINGER_MS";
    public static final String BATCH_SIZE = "EVENTBUS_KAFKA_BATCH_SIZE";
    public static final String COMPRESSION = "EVENTBUS_KAFKA_COMPRESSION";
    public static final String AUTO_OFFSET_RESET = "EVENTBUS_KAFKA_AUTO_OFFSET_RESET";
    public static final String RETRY_BACKOFF_MS = "EVENTBUS_KAFKA_RETRY_BACKOFF_MS";
    public static final String OPERATION_TIMEOUT_MS = "EVENTBUS_KAFKA_OPERATION_TIMEOUT_MS";
    public static final String PROPERTY_PREFIX = "EVENTBUS_KAFKA_PROPERTY_";

    /** Variables {@code EVENTBUS_KAFKA_<X>} that set the client property named by {@code <X>}. */
    public static final List<String> SECURITY_SHORTHANDS = List.of("SECURITY_PROTOCOL", "SASL_MECHANISM",
            "SASL_JAAS_CONFIG", "SSL_TRUSTSTORE_LOCATION", "SSL_TRUSTSTORE_PASSWORD", "SSL_TRUSTSTORE_TYPE",
            "SSL_KEYSTORE_LOCATION", "SSL_KEYSTORE_PASSWORD", "SSL_KEYSTORE_TYPE", "SSL_KEY_PASSWORD");

    /** Client properties that cannot be passed through, with the reason given when one is. */
    public static final Map<String, String> RESERVED = reserved();

    /** {@link #replicationFactor()} value that leaves the choice to the cluster. */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    private static final String ENV_PREFIX = "EVENTBUS_KAFKA_";
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> SECURITY_PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s,:]+:\\d{1,5}");
    private static final Pattern PROPERTY_SUFFIX = Pattern.compile("[A-Z0-9]+(_[A-Z0-9]+)*");
    private static final Duration MAX_DURATION = Duration.ofMinutes(10);

    public KafkaConfig {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw invalid(BOOTSTRAP_SERVERS, "must name at least one host:port", bootstrapServers);
        }
        bootstrapServers = bootstrapServers.strip();
        for (String server : bootstrapServers.split(",")) {
            if (!HOST_PORT.matcher(server.strip()).matches()) {
                throw invalid(BOOTSTRAP_SERVERS, "must be a comma-separated list of host:port", bootstrapServers);
            }
        }
        requireRange(PARTITIONS, partitions, 1, 10_000);
        if (replicationFactor != BROKER_DEFAULT_REPLICATION && replicationFactor < 1) {
            throw invalid(REPLICATION_FACTOR, "must be at least 1 (or unset for the cluster default)",
                    replicationFactor);
        }
        requireRange(LINGER_MS, lingerMs, 0, 60_000);
        requireRange(BATCH_SIZE, batchSize, 0, 16 * 1024 * 1024);
        if (compression == null || !COMPRESSIONS.contains(compression)) {
            throw invalid(COMPRESSION, "must be one of " + new TreeSet<>(COMPRESSIONS), compression);
        }
        requireOffsetReset(autoOffsetReset);
        requireDuration(RETRY_BACKOFF_MS, retryBackoff, Duration.ofMillis(1));
        requireDuration(OPERATION_TIMEOUT_MS, operationTimeout, Duration.ofSeconds(1));
        clientProperties = requireClientProperties(clientProperties);
    }

    /** The defaults: a local broker on {@code localhost:9092}. */
    public static KafkaConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code EVENTBUS_KAFKA_*} entries of {@code env} (usually {@code System.getenv()});
     * blank values count as unset. Throws {@link ConfigurationException} naming the variable and
     * the value when one is malformed.
     */
    public static KafkaConfig fromEnv(Map<String, String> env) {
        Builder b = builder();
        EnvReader r = EnvReader.of(env);
        String servers = r.text(BOOTSTRAP_SERVERS);
        if (servers != null) {
            b.bootstrapServers(servers);
        }
        Integer partitions = r.integer(PARTITIONS);
        if (partitions != null) {
            b.partitions(partitions);
        }
        Integer replication = r.integer(REPLICATION_FACTOR);
        if (replication != null) {
            if (replication < 1 || replication > Short.MAX_VALUE) {
                throw invalid(REPLICATION_FACTOR, "must be between 1 and " + Short.MAX_VALUE, replication);
            }
            b.replicationFactor(replication.shortValue());
        }
        Integer linger = r.integer(LINGER_MS);
        if (linger != null) {
            b.lingerMs(linger);
        }
        Integer batch = r.integer(BATCH_SIZE);
        if (batch != null) {
            b.batchSize(batch);
        }
        String compression = r.text(COMPRESSION);
        if (compression != null) {
            b.compression(compression.toLowerCase(Locale.ROOT));
        }
        String reset = r.text(AUTO_OFFSET_RESET);
        if (reset != null) {
            b.autoOffsetReset(reset);
        }
        Integer backoff = r.integer(RETRY_BACKOFF_MS);
        if (backoff != null) {
            b.retryBackoff(Duration.ofMillis(backoff));
        }
        Integer timeout = r.integer(OPERATION_TIMEOUT_MS);
        if (timeout != null) {
            b.operationTimeout(Duration.ofMillis(timeout));
        }
        clientPropertiesFromEnv(r).forEach(b::clientProperty);
        return b.build();
    }

    /** The variable that sets client property {@code property}: its short name if it has one. */
    public static String variableFor(String property) {
        String suffix = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return SECURITY_SHORTHANDS.contains(suffix) ? ENV_PREFIX + suffix : PROPERTY_PREFIX + suffix;
    }

    /** Hides passwords and JAAS configuration, which carry credentials. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((k, v) -> shown.put(k, isSecret(k) ? "****" : v));
        return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + ", lingerMs=" + lingerMs + ", batchSize=" + batchSize
                + ", compression=" + compression + ", autoOffsetReset=" + autoOffsetReset
                + ", retryBackoff=" + retryBackoff + ", operationTimeout=" + operationTimeout
                + ", clientProperties=" + shown + "]";
    }

    private static boolean isSecret(String property) {
        return property.contains("password") || property.contains("jaas") || property.contains("secret");
    }

    private static Map<String, String> clientPropertiesFromEnv(EnvReader env) {
        Map<String, String> properties = new LinkedHashMap<>();
        Map<String, String> setBy = new LinkedHashMap<>();
        for (String variable : new TreeSet<>(env.values().keySet())) {
            String suffix;
            if (variable.startsWith(PROPERTY_PREFIX)) {
                suffix = variable.substring(PROPERTY_PREFIX.length());
                if (!PROPERTY_SUFFIX.matcher(suffix).matches()) {
                    throw invalid(variable, "must be " + PROPERTY_PREFIX
                            + "<NAME> with NAME in upper-case words joined by '_'", env.text(variable));
                }
            } else if (variable.startsWith(ENV_PREFIX)
                    && SECURITY_SHORTHANDS.contains(variable.substring(ENV_PREFIX.length()))) {
                suffix = variable.substring(ENV_PREFIX.length());
            } else {
                continue;
            }
            String value = env.text(variable);
            String property = suffix.toLowerCase(Locale.ROOT).replace('_', '.');
            String earlier = properties.putIfAbsent(property, value);
            if (earlier != null && !earlier.equals(value)) {
                throw new ConfigurationException(variable, setBy.get(property) + " and " + variable
                        + " both set '" + property + "' to different values");
            }
            setBy.putIfAbsent(property, variable);
        }
        return properties;
    }

    private static Map<String, String> requireClientProperties(Map<String, String> properties) {
        if (properties == null) {
            return Map.of();
        }
        properties.forEach((property, value) -> {
            if (property == null || property.isBlank() || value == null) {
                throw new IllegalArgumentException("Kafka client property names and values must not be null or blank;"
                        + " got " + property + "=" + value);
            }
            String reason = RESERVED.get(property);
            if (reason != null) {
                throw new ConfigurationException(variableFor(property), variableFor(property) + " must not be set: " + reason);
            }
        });
        String protocol = properties.get("security.protocol");
        if (protocol != null && !SECURITY_PROTOCOLS.contains(protocol.toUpperCase(Locale.ROOT))) {
            throw invalid(variableFor("security.protocol"), "must be one of " + new TreeSet<>(SECURITY_PROTOCOLS),
                    protocol);
        }
        return Map.copyOf(properties);
    }

    private static Map<String, String> reserved() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("bootstrap.servers", "use " + BOOTSTRAP_SERVERS);
        r.put("linger.ms", "use " + LINGER_MS);
        r.put("batch.size", "use " + BATCH_SIZE);
        r.put("compression.type", "use " + COMPRESSION);
        r.put("auto.offset.reset", "use " + AUTO_OFFSET_RESET);
        String durable = "the adapter fixes it so that a publish completes only when the message is durable";
        r.put("acks", durable);
        r.put("enable.idempotence", durable);
        String acknowledged = "the adapter commits offsets itself, only after the handler succeeded";
        r.put("enable.auto.commit", acknowledged);
        r.put("group.id", "the dispatch group is <namespace>-dispatch: set EVENTBUS_NAMESPACE to name it (and the"
                + " topic) for this deployment");
        r.put("client.id", "the adapter names each client after its role and group");
        String codec = "the adapter sends string keys and byte-array payloads";
        for (String side : List.of("key.serializer", "value.serializer", "key.deserializer", "value.deserializer")) {
            r.put(side, codec);
        }
        return Map.copyOf(r);
    }

    private static void requireOffsetReset(String reset) {
        if ("earliest".equals(reset) || "latest".equals(reset)) {
            return;
        }
        if (reset != null && reset.startsWith("by_duration:")) {
            try {
                if (!Duration.parse(reset.substring("by_duration:".length())).isNegative()) {
                    return;
                }
            } catch (DateTimeParseException e) {
                // reported below, with the accepted forms
            }
        }
        throw invalid(AUTO_OFFSET_RESET, "must be earliest, latest or by_duration:<ISO-8601 duration>", reset);
    }

    private static void requireRange(String variable, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(variable, "must be between " + min + " and " + max, value);
        }
    }

    private static void requireDuration(String variable, Duration value, Duration min) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(MAX_DURATION) > 0) {
            throw invalid(variable, "must be between " + min.toMillis() + " and " + MAX_DURATION.toMillis() + " ms",
                    value == null ? null : value.toMillis());
        }
    }

    private static ConfigurationException invalid(String variable, String rule, Object value) {
        return EnvReader.invalid(variable, rule, value);
    }

    /**
     * Collects settings for {@link KafkaConfig}. Defaults: bootstrap {@code localhost:9092}, 12
     * partitions, the cluster's replication factor, linger 5 ms, batch 64 KiB, lz4 compression,
     * {@code earliest} offset reset, 1 s retry backoff, 30 s operation timeout. Not thread-safe.
     */
    public static final class Builder {
        private String bootstrapServers = "localhost:9092";
        private int partitions = 12;
        private short replicationFactor = BROKER_DEFAULT_REPLICATION;
        private int lingerMs = 5;
        private int batchSize = 64 * 1024;
        private String compression = "lz4";
        private String autoOffsetReset = "earliest";
        private Duration retryBackoff = Duration.ofSeconds(1);
        private Duration operationTimeout = Duration.ofSeconds(30);
        private final Map<String, String> clientProperties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        public Builder replicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
            return this;
        }

        public Builder lingerMs(int lingerMs) {
            this.lingerMs = lingerMs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        public Builder compression(String compression) {
            this.compression = compression;
            return this;
        }

        public Builder autoOffsetReset(String autoOffsetReset) {
            this.autoOffsetReset = autoOffsetReset;
            return this;
        }

        public Builder retryBackoff(Duration retryBackoff) {
            this.retryBackoff = retryBackoff;
            return this;
        }

        public Builder operationTimeout(Duration operationTimeout) {
            this.operationTimeout = operationTimeout;
            return this;
        }

        /** Adds a Kafka client property for every client (e.g. {@code security.protocol}). */
        public Builder clientProperty(String name, String value) {
            clientProperties.put(name, value);
            return this;
        }

        public KafkaConfig build() {
            return new KafkaConfig(bootstrapServers, partitions, replicationFactor, lingerMs, batchSize, compression,
                    autoOffsetReset, retryBackoff, operationTimeout, clientProperties);
        }
    }
}

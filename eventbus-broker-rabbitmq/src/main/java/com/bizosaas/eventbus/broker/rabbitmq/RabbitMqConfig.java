package com.bizosaas.eventbus.broker.rabbitmq;

import com.bizosaas.eventbus.config.ConfigurationException;
import com.bizosaas.eventbus.config.EnvReader;
import com.bizosaas.eventbus.routing.Namespace;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of the RabbitMQ broker adapter. Immutable; the constructor rejects a bad value with a
 * message naming its {@code EVENTBUS_RABBITMQ_*} variable (never echoing the URL's password).
 * Build one with {@link #fromEnv(Map)} or {@link #builder()}; unset values take the defaults
 * listed on {@link Builder}.
 *
 * @param url               {@code EVENTBUS_RABBITMQ_URL}: {@code amqp[s]://user:pass@host:port/vhost}; a
 *                          bare {@code /} or no path means the default vhost {@code /} (as in the seed)
 * @param exchange          {@code EVENTBUS_RABBITMQ_EXCHANGE}: prefix of every exchange and queue the
 *                          adapter declares (see {@link RabbitMqBroker} for the naming); by
 *                          {@link #fromEnv} default {@code EVENTBUS_NAMESPACE} ({@code eventbus})
 * @param prefetch          {@code EVENTBUS_RABBITMQ_PREFETCH}: unacknowledged messages a member may
 *                          hold ({@code basic.qos})
 * @param publisherChannels {@code EVENTBUS_RABBITMQ_PUBLISHER_CHANNELS}: channels in confirm mode
 *                          that publishes are spread over, by message key
 * @param deliveryLimit     {@code EVENTBUS_RABBITMQ_DELIVERY_LIMIT}: deliveries of one message before
 *                          the queue dead-letters it ({@code x-delivery-limit})
 * @param confirmTimeout    {@code EVENTBUS_RABBITMQ_CONFIRM_TIMEOUT_MS}: how long a publish waits for
 *                          the broker's confirm before it fails
 * @param recoveryInterval  {@code EVENTBUS_RABBITMQ_RECOVERY_INTERVAL_MS}: pause between attempts to
 *                          reconnect after the connection is lost
 */
public record RabbitMqConfig(String url, String exchange, int prefetch, int publisherChannels, int deliveryLimit,
                             Duration confirmTimeout, Duration recoveryInterval) {

    public static final String URL = "EVENTBUS_RABBITMQ_URL";
    public static final String EXCHANGE = "EVENTBUS_RABBITMQ_EXCHANGE";
    public static final String PREFETCH = "EVENTBUS_RABBITMQ_PREFETCH";
    public static final String PUBLISHER_CHANNELS = "EVENTBUS_RABBITMQ_PUBLISHER_CHANNELS";
    public static final String DELIVERY_LIMIT = "EVENTBUS_RABBITMQ_DELIVERY_LIMIT";
    public static final String CONFIRM_TIMEOUT_MS = "EVENTBUS_RABBITMQ_CONFIRM_TIMEOUT_MS";
    public static final String RECOVERY_INTERVAL_MS = "EVENTBUS_RABBITMQ_RECOVERY_INTERVAL_MS";

    /** Exchange and queue names are at most 255 bytes; the prefix leaves room for topic and group. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");
    private static final Pattern USER_INFO = Pattern.compile("(?<=://).*@");

    public RabbitMqConfig {
        requireUrl(url);
        if (exchange == null || !NAME.matcher(exchange).matches()) {
            throw invalid(EXCHANGE, "must be 1-100 letters, digits, '.', '_', ':' or '-'", exchange);
        }
        requireRange(PREFETCH, prefetch, 1, 65_535);
        requireRange(PUBLISHER_CHANNELS, publisherChannels, 1, 64);
        requireRange(DELIVERY_LIMIT, deliveryLimit, 1, 10_000);
        requirePositive(CONFIRM_TIMEOUT_MS, confirmTimeout);
        requirePositive(RECOVERY_INTERVAL_MS, recoveryInterval);
    }

    /** The defaults: the local broker as {@code guest}. */
    public static RabbitMqConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads the {@code EVENTBUS_RABBITMQ_*} entries of {@code env} (usually {@code System.getenv()});
     * blank values count as unset. Throws {@link ConfigurationException} naming the variable and
     * the value when one is malformed.
     */
    public static RabbitMqConfig fromEnv(Map<String, String> env) {
        Builder b = builder().exchange(Namespace.fromEnv(env).name());
        EnvReader r = EnvReader.of(env);
        String url = r.text(URL);
        if (url != null) {
            b.url(url);
        }
        String exchange = r.text(EXCHANGE);
        if (exchange != null) {
            b.exchange(exchange);
        }
        Integer prefetch = r.integer(PREFETCH);
        if (prefetch != null) {
            b.prefetch(prefetch);
        }
        Integer channels = r.integer(PUBLISHER_CHANNELS);
        if (channels != null) {
            b.publisherChannels(channels);
        }
        Integer limit = r.integer(DELIVERY_LIMIT);
        if (limit != null) {
            b.deliveryLimit(limit);
        }
        Integer confirmMs = r.integer(CONFIRM_TIMEOUT_MS);
        if (confirmMs != null) {
            b.confirmTimeout(Duration.ofMillis(confirmMs));
        }
        Integer recoveryMs = r.integer(RECOVERY_INTERVAL_MS);
        if (recoveryMs != null) {
            b.recoveryInterval(Duration.ofMillis(recoveryMs));
        }
        return b.build();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder().url(url).exchange(exchange).prefetch(prefetch).publisherChannels(publisherChannels)
                .deliveryLimit(deliveryLimit).confirmTimeout(confirmTimeout).recoveryInterval(recoveryInterval);
    }

    /** The URL with its user and password hidden, for messages and logs. */
    public String redactedUrl() {
        return redact(url);
    }

    /** Hides the password the URL carries. */
    @Override
    public String toString() {
        return "RabbitMqConfig[url=" + redactedUrl() + ", exchange=" + exchange + ", prefetch=" + prefetch
                + ", publisherChannels=" + publisherChannels + ", deliveryLimit=" + deliveryLimit
                + ", confirmTimeout=" + confirmTimeout + ", recoveryInterval=" + recoveryInterval + "]";
    }

    private static void requireUrl(String url) {
        String problem = "must look like amqp://user:pass@host:5672/vhost";
        if (url == null || url.isBlank()) {
            throw invalid(URL, problem, url);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(URL, problem + " (" + e.getReason() + ")", redact(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("amqp") && !scheme.equals("amqps")) {
            throw invalid(URL, problem + " (scheme amqp or amqps)", redact(url));
        }
        if (uri.getHost() == null) {
            throw invalid(URL, problem + " (no host)", redact(url));
        }
        String path = uri.getRawPath();
        if (path != null && path.length() > 1 && path.indexOf('/', 1) >= 0) {
            throw invalid(URL, problem + " (one path segment: the vhost, with '/' written %2F)", redact(url));
        }
    }

    private static String redact(String url) {
        return url == null ? null : USER_INFO.matcher(url).replaceFirst("****@");
    }

    private static void requireRange(String variable, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(variable, "must be between " + min + " and " + max, value);
        }
    }

    private static void requirePositive(String variable, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw invalid(variable, "must be a positive number of milliseconds",
                    value == null ? null : value.toMillis());
        }
    }

    private static ConfigurationException invalid(String variable, String problem, Object value) {
        return EnvReader.invalid(variable, problem, value);
    }

    /** Collects settings for a {@link RabbitMqConfig}. Not thread-safe. */
    public static final class Builder {
        private String url = "amqp://guest:guest@localhost:5672/";
        private String exchange = "eventbus";
        private int prefetch = 250;
        private int publisherChannels = 2;
        private int deliveryLimit = 20;
        private Duration confirmTimeout = Duration.ofSeconds(30);
        private Duration recoveryInterval = Duration.ofSeconds(2);

        private Builder() {
        }

        /** Default {@code amqp://guest:guest@localhost:5672/}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        /** Default {@code eventbus}. */
        public Builder exchange(String exchange) {
            this.exchange = exchange;
            return this;
        }

        /** Default 250. */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** Default 2. */
        public Builder publisherChannels(int publisherChannels) {
            this.publisherChannels = publisherChannels;
            return this;
        }

        /** Default 20. */
        public Builder deliveryLimit(int deliveryLimit) {
            this.deliveryLimit = deliveryLimit;
            return this;
        }

        /** Default 30 s. */
        public Builder confirmTimeout(Duration confirmTimeout) {
            this.confirmTimeout = confirmTimeout;
            return this;
        }

        /** Default 2 s. */
        public Builder recoveryInterval(Duration recoveryInterval) {
            this.recoveryInterval = recoveryInterval;
            return this;
        }

        public RabbitMqConfig build() {
            return new RabbitMqConfig(url, exchange, prefetch, publisherChannels, deliveryLimit, confirmTimeout,
                    recoveryInterval);
        }
    }
}

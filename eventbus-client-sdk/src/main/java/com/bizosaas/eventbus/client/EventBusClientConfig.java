package com.bizosaas.eventbus.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the bus is and how to talk to it. Immutable; build with {@link #builder(String, String)}.
 * Defaults: no API key, 5 s connect timeout, 30 s request timeout, publishes tried up to 5 times
 * with backoff from 100 ms doubling to 5 s, pull subscriptions long-polling 10 s at a time.
 */
public final class EventBusClientConfig {
    /** The server caps a long-poll at this. */
    public static final Duration MAX_POLL_WAIT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String serviceName;
    private final String apiKey;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration retryInitialBackoff;
    private final Duration retryMaxBackoff;
    private final Duration pollWait;

    private EventBusClientConfig(Builder b) {
        baseUrl = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        serviceName = b.serviceName;
        apiKey = b.apiKey;
        connectTimeout = b.connectTimeout;
        requestTimeout = b.requestTimeout;
        maxAttempts = b.maxAttempts;
        retryInitialBackoff = b.retryInitialBackoff;
        retryMaxBackoff = b.retryMaxBackoff;
        pollWait = b.pollWait;
    }

    /**
     * @param baseUrl     the bus's root URL, e.g. {@code http://localhost:8003}
     * @param serviceName this service's name: the default {@code source_service} of what it
     *                    publishes and the {@code service_name} of its subscriptions
     */
    public static Builder builder(String baseUrl, String serviceName) {
        return new Builder(baseUrl, serviceName);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String serviceName() {
        return serviceName;
    }

    /** Sent as {@code X-API-Key}; {@code null} when the server runs without authentication. */
    public String apiKey() {
        return apiKey;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Longest wait for a response to one request (long-polls get their wait on top). */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Tries of one retryable call (publish, reads, acks) before its last error is thrown. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration retryInitialBackoff() {
        return retryInitialBackoff;
    }

    public Duration retryMaxBackoff() {
        return retryMaxBackoff;
    }

    /** How long one pull request waits on the server for events to arrive. */
    public Duration pollWait() {
        return pollWait;
    }

    /** Mutable builder; {@link #build()} rejects bad values naming the setting. Not thread-safe. */
    public static final class Builder {
        private final String baseUrl;
        private final String serviceName;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxAttempts = 5;
        private Duration retryInitialBackoff = Duration.ofMillis(100);
        private Duration retryMaxBackoff = Duration.ofSeconds(5);
        private Duration pollWait = Duration.ofSeconds(10);

        private Builder(String baseUrl, String serviceName) {
            this.baseUrl = baseUrl;
            this.serviceName = serviceName;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** Delay before the first retry; doubles per retry (with jitter) up to {@code max}. */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.retryInitialBackoff = initial;
            this.retryMaxBackoff = max;
            return this;
        }

        public Builder pollWait(Duration pollWait) {
            this.pollWait = pollWait;
            return this;
        }

        public EventBusClientConfig build() {
            requireHttpUrl(baseUrl);
            if (serviceName == null || serviceName.isBlank() || serviceName.length() > 256) {
                throw new IllegalArgumentException("serviceName must be 1 to 256 characters; got '" + serviceName + "'");
            }
            if (apiKey != null && apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank when set");
            }
            Settings.requirePositive("connectTimeout", connectTimeout);
            Settings.requirePositive("requestTimeout", requestTimeout);
            Settings.requireRange("maxAttempts", maxAttempts, 1, 100);
            Settings.requirePositive("retryInitialBackoff", retryInitialBackoff);
            Settings.requirePositive("retryMaxBackoff", retryMaxBackoff);
            if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
                throw new IllegalArgumentException("retryMaxBackoff must be at least retryInitialBackoff ("
                        + retryInitialBackoff + "); got " + retryMaxBackoff);
            }
            Settings.requirePositive("pollWait", pollWait);
            if (pollWait.compareTo(MAX_POLL_WAIT) > 0) {
                throw new IllegalArgumentException("pollWait must be at most " + MAX_POLL_WAIT + "; got " + pollWait);
            }
            return new EventBusClientConfig(this);
        }

        private static void requireHttpUrl(String url) {
            String problem = null;
            try {
                URI uri = url == null ? null : new URI(url);
                String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    problem = "must be an http or https URL";
                } else if (uri.getHost() == null) {
                    problem = "must name a host";
                }
            } catch (URISyntaxException e) {
                problem = "is not a URL (" + e.getReason() + ")";
            }
            if (problem != null) {
                throw new IllegalArgumentException("baseUrl " + problem + "; got '" + url + "'");
            }
        }
    }
}

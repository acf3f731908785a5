package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.delivery.WebhookSignature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks Standard Webhooks signatures of deliveries from the bus: {@code webhook-signature}
 * must hold a {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">} made with the
 * subscription's {@code whsec_} secret, and {@code webhook-timestamp} must be within the
 * tolerance of now (default 5 minutes, either way) so that captured requests cannot be replayed
 * later. The signature itself is the server's own {@link WebhookSignature}. Immutable and
 * thread-safe; signatures are compared in constant time.
 */
public final class WebhookVerifier {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final String secret;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(String secret, Duration tolerance, Clock clock) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /**
     * A verifier for one subscription's secret, as returned when it was registered.
     *
     * @throws IllegalArgumentException when the secret is not {@code whsec_} followed by base64
     */
    public static WebhookVerifier of(String secret) {
        Objects.requireNonNull(secret, "secret");
        String prefix = WebhookSignature.SECRET_PREFIX;
        String encoded = secret.startsWith(prefix) ? secret.substring(prefix.length()) : secret;
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret must be whsec_ followed by base64; got a value of "
                    + secret.length() + " characters that is not", e);
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        return new WebhookVerifier(secret, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** A copy accepting timestamps up to {@code tolerance} away from now. */
    public WebhookVerifier withTolerance(Duration tolerance) {
        Settings.requirePositive("tolerance", tolerance);
        return new WebhookVerifier(secret, tolerance, clock);
    }

    /** A copy reading "now" from {@code clock}. */
    public WebhookVerifier withClock(Clock clock) {
        return new WebhookVerifier(secret, tolerance, Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Verifies a request given a header lookup, e.g. {@code request::getHeader} or
     * {@code exchange.getRequestHeaders()::getFirst}, and the raw body bytes exactly as received.
     */
    public void verify(Function<String, String> headers, byte[] body) {
        verify(headers.apply("webhook-id"), headers.apply("webhook-timestamp"), headers.apply("webhook-signature"),
                body);
    }

    /** Verifies the three Standard Webhooks header values against the raw body. */
    public void verify(String webhookId, String webhookTimestamp, String webhookSignature, byte[] body) {
        requireHeader("webhook-id", webhookId);
        requireHeader("webhook-timestamp", webhookTimestamp);
        requireHeader("webhook-signature", webhookSignature);
        long seconds;
        try {
            seconds = Long.parseLong(webhookTimestamp.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("invalid_timestamp",
                    "webhook-timestamp must be Unix seconds; got '" + webhookTimestamp + "'");
        }
        Instant sent = Instant.ofEpochSecond(seconds);
        Instant now = clock.instant();
        if (Duration.between(sent, now).abs().compareTo(tolerance) > 0) {
            throw new WebhookVerificationException("timestamp_out_of_tolerance",
                    "webhook-timestamp " + sent + " is more than " + tolerance + " away from now (" + now + ")");
        }
        if (!WebhookSignature.verify(secret, webhookId, webhookTimestamp.trim(), body, webhookSignature)) {
            throw new WebhookVerificationException("invalid_signature",
                    "no v1 signature in webhook-signature matches the body for webhook-id " + webhookId);
        }
    }

    private static void requireHeader(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new WebhookVerificationException("missing_header", name + " header is missing");
        }
    }
}

package com.bizosaas.eventbus.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}
 * with a {@code whsec_<base64 key>} secret. Stateless and thread-safe.
 */
public final class WebhookSignature {
    public static final String SECRET_PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A fresh secret with 24 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The {@code webhook-signature} header value for one message. */
    public static String sign(String secret, String msgId, long timestampSeconds, byte[] body) {
        return sign(secret, msgId, Long.toString(timestampSeconds), body);
    }

    /**
     * The {@code webhook-signature} header value for one message, {@code timestamp} as written in
     * the {@code webhook-timestamp} header: a receiver signs the text it got, not a number it parsed.
     */
    public static String sign(String secret, String msgId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keyOf(secret), "HmacSHA256"));
            mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * True when one of the space-separated signatures in {@code signatureHeader} matches.
     * Compares in constant time.
     */
    public static boolean verify(String secret, String msgId, long timestampSeconds, byte[] body,
                                 String signatureHeader) {
        return verify(secret, msgId, Long.toString(timestampSeconds), body, signatureHeader);
    }

    /** {@link #verify(String, String, long, byte[], String)} with the timestamp as the header's text. */
    public static boolean verify(String secret, String msgId, String timestamp, byte[] body, String signatureHeader) {
        byte[] expected = sign(secret, msgId, timestamp, body).getBytes(StandardCharsets.UTF_8);
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] keyOf(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
    }
}

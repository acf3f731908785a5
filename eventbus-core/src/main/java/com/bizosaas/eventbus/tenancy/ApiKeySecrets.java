package com.bizosaas.eventbus.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes API key secrets and the hash they are stored and looked up by. A secret carries 256
 * random bits, so one unsalted SHA-256 is enough: nothing can be guessed that a slow hash would
 * protect, and a lookup stays one hash and one index probe. Thread-safe.
 */
public final class ApiKeySecrets {
    /** Marks a managed key, so a leaked one is recognisable by secret scanners. */
    public static final String PREFIX = "ebk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeySecrets() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

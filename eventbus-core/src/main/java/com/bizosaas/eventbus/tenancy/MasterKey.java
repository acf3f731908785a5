package com.bizosaas.eventbus.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every tenant's data key (AES-256-GCM, the tenant and key version bound in as
 * associated data), so a stolen database holds no usable key. Built from 32 bytes, never printed.
 * Thread-safe.
 */
public final class MasterKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    private MasterKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** @throws IllegalArgumentException unless {@code base64} decodes to exactly 32 bytes */
    public static MasterKey fromBase64(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the master key must be base64; it is not");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("the master key must be 32 bytes (AES-256) in base64; it is "
                    + bytes.length + " bytes");
        }
        return new MasterKey(bytes);
    }

    /** A fresh random data key, wrapped for {@code tenant} and {@code version}. */
    public WrappedDataKey newDataKey(UUID tenant, int version, Instant now) {
        byte[] dataKey = new byte[32];
        RANDOM.nextBytes(dataKey);
        try {
            return new WrappedDataKey(tenant, version, AesGcm.seal(key, dataKey, associated(tenant, version)), now);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** @throws WrongMasterKeyException when this is not the key that wrapped it (or it was tampered with) */
    public SecretKey unwrap(WrappedDataKey wrapped) {
        try {
            return new SecretKeySpec(AesGcm.open(key, wrapped.wrapped(), associated(wrapped.tenantId(), wrapped.version())),
                    "AES");
        } catch (GeneralSecurityException e) {
            throw new WrongMasterKeyException(wrapped);
        }
    }

    private static byte[] associated(UUID tenant, int version) {
        return ("eventbus-data-key:" + tenant + ":" + version).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MasterKey[hidden]";
    }
}

package com.bizosaas.eventbus.tenancy;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM with a random 96-bit nonce and a 128-bit tag, the JDK's provider: the one cipher both
 * data keys and event data are sealed with. A sealed value is nonce, ciphertext and tag. Stateless.
 */
public final class AesGcm {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One generator and one cipher per thread: the default SecureRandom reads the operating
     * system's source under a lock, and finding a Cipher in the providers costs more than using it;
     * both showed up in publish throughput with encryption on.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(AesGcm::newRandom);
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(AesGcm::newCipher);

    private AesGcm() {
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    public static byte[] seal(SecretKey key, byte[] plain, byte[] associated) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.get().nextBytes(nonce);
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            byte[] sealed = new byte[NONCE_BYTES + cipher.getOutputSize(plain.length)];
            System.arraycopy(nonce, 0, sealed, 0, NONCE_BYTES);
            cipher.doFinal(plain, 0, plain.length, sealed, NONCE_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /** @throws GeneralSecurityException when the key or associated data is not the sealing one, or it was altered */
    public static byte[] open(SecretKey key, byte[] sealed, byte[] associated) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short to be sealed");
        }
        Cipher cipher = CIPHERS.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(associated);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }
}

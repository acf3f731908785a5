package com.bizosaas.eventbus.tenancy;

import java.util.UUID;

/**
 * Per-tenant encryption of event data: the policy, key rotation, re-encryption and
 * crypto-shredding. Every instance sharing the store sees a change within seconds. Thread-safe.
 */
public interface TenantEncryption {

    /** False when the bus has no master key: policies other than off are refused. */
    boolean isEnabled();

    EncryptionPolicy policy(UUID tenant);

    /** @throws com.bizosaas.eventbus.ConflictException when encryption is not enabled and the policy is not off */
    void setPolicy(UUID tenant, EncryptionPolicy policy);

    /** The version of the key new events of the tenant use; 0 when it has none. */
    int currentKeyVersion(UUID tenant);

    /** Makes a new data key the one new events use; older ones keep decrypting. Returns its version. */
    int rotateKey(UUID tenant);

    /** Rewrites the tenant's stored encrypted events under its current key; returns how many were rewritten. */
    long reEncrypt(UUID tenant);

    /** Deletes the tenant's data keys: its encrypted events can never be read again. Returns how many keys went. */
    int shred(UUID tenant);
}

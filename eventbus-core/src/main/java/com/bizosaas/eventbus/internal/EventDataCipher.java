package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.publishing.PublishStage;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.AesGcm;
import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.MasterKey;
import com.bizosaas.eventbus.tenancy.TenantEncryption;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import javax.crypto.SecretKey;

/**
 * Per-tenant encryption of event data with AES-256-GCM. As the encrypt stage of the publish
 * pipeline it replaces the data of the events its tenant's policy names by an envelope
 * {@code {"encrypted_data": {"key": version, "ciphertext": base64(nonce, ciphertext, tag)}}},
 * the tenant id, event id and key version bound in as associated data; {@link #decrypt} is the
 * one way back, used where events leave the store or broker toward a reader. Data whose key is
 * gone (shredded) comes back redacted, never as an error. Thread-safe.
 */
public final class EventDataCipher implements PublishStage, TenantEncryption {
    static final String ENVELOPE = "encrypted_data";
    private static final int RE_ENCRYPT_PAGE = 500;
    /** How soon a policy or key changed on another instance applies here. */
    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final TenantKeyRing keys;
    private final TenantSettingsStore settings;
    private final LongSupplier nanoTime;
    /** Null until first read. */
    private volatile Policies policies;
    private final EventStore store;

    private record Policies(Map<UUID, EncryptionPolicy> byTenant, long loadedAt) {
    }

    private EventDataCipher(MasterKey masterKey, TenantSettingsStore settings, EventStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.nanoTime = System::nanoTime;
        this.keys = masterKey == null ? null : new TenantKeyRing(masterKey, settings, clock, REFRESH, nanoTime);
    }

    /**
     * @param masterKey null: encryption off; starting is still refused when the store holds data keys
     * @param store     the store as stored (encrypted), which the re-encryption job reads and rewrites
     * @throws com.bizosaas.eventbus.ValidationException when the master key is wrong or missing for the stored keys
     */
    public static EventDataCipher create(MasterKey masterKey, TenantSettingsStore settings, EventStore store,
                                         Clock clock) {
        EventDataCipher cipher = new EventDataCipher(masterKey, settings, store, clock);
        if (cipher.keys != null) {
            cipher.keys.verifyMasterKey();
        } else if (settings.anyDataKey().isPresent()) {
            throw new com.bizosaas.eventbus.ValidationException("invalid_configuration", "the store holds encrypted"
                    + " tenants' data keys, but no master key (EVENTBUS_MASTER_KEY or EVENTBUS_MASTER_KEY_FILE) is set",
                    "EVENTBUS_MASTER_KEY");
        }
        return cipher;
    }

    @Override
    public List<Event> apply(List<Event> events) {
        if (keys == null) {
            return events;
        }
        List<Event> out = null;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (policy(e.tenantId()).appliesTo(e.eventType())) {
                if (out == null) {
                    out = new ArrayList<>(events);
                }
                TenantKeyRing.Keys tenantKeys = keys.keysForWriting(e.tenantId());
                out.set(i, e.toBuilder().data(seal(e, tenantKeys.current(),
                        tenantKeys.byVersion().get(tenantKeys.current()))).build());
            }
        }
        return out == null ? events : out;
    }

    /** The event with its data in clear; as it is when not encrypted; redacted when its key is gone. */
    public Event decrypt(Event event) {
        JsonNode envelope = envelope(event.data());
        if (envelope == null) {
            return event;
        }
        int version = envelope.path("key").asInt();
        SecretKey key = keys == null ? null : keys.keys(event.tenantId()).byVersion().get(version);
        if (key == null) {
            return event.toBuilder().redacted().build();
        }
        try {
            byte[] plain = AesGcm.open(key, Base64.getDecoder().decode(envelope.path("ciphertext").asText()),
                    associated(event, version));
            return event.toBuilder().data((ObjectNode) WireJson.reader().readTree(plain)).build();
        } catch (GeneralSecurityException | IOException | IllegalArgumentException | ClassCastException e) {
            // A key of that version that does not open it was made after a shred: the data is gone.
            return event.toBuilder().redacted().build();
        }
    }

    /** The envelope inside {@code data}, or null when the data is not encrypted. */
    static JsonNode envelope(ObjectNode data) {
        if (data == null || data.size() != 1) {
            return null;
        }
        JsonNode envelope = data.get(ENVELOPE);
        return envelope != null && envelope.isObject() && envelope.has("key") && envelope.has("ciphertext")
                ? envelope : null;
    }

    private static ObjectNode seal(Event event, int version, SecretKey key) {
        try {
            byte[] sealed = AesGcm.seal(key, WireJson.writer().writeValueAsBytes(event.data()),
                    associated(event, version));
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            data.putObject(ENVELOPE).put("key", version).put("ciphertext", Base64.getEncoder().encodeToString(sealed));
            return data;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("encrypting event data failed", e);
        }
    }

    private static byte[] associated(Event event, int version) {
        return ("eventbus-event:" + event.tenantId() + ":" + event.id() + ":" + version)
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isEnabled() {
        return keys != null;
    }

    @Override
    public EncryptionPolicy policy(UUID tenant) {
        Policies current = policies;
        if (current == null || nanoTime.getAsLong() - current.loadedAt() >= REFRESH.toNanos()) {
            current = new Policies(settings.encryptionPolicies(), nanoTime.getAsLong());
            policies = current;
        }
        return current.byTenant().getOrDefault(tenant, EncryptionPolicy.OFF);
    }

    @Override
    public void setPolicy(UUID tenant, EncryptionPolicy policy) {
        if (keys == null && policy.mode() != EncryptionPolicy.Mode.OFF) {
            throw new ConflictException("encryption_not_configured", "encrypting a tenant's data needs a master key:"
                    + " set EVENTBUS_MASTER_KEY or EVENTBUS_MASTER_KEY_FILE");
        }
        settings.saveEncryptionPolicy(tenant, policy);
        policies = new Policies(settings.encryptionPolicies(), nanoTime.getAsLong());
    }

    @Override
    public int currentKeyVersion(UUID tenant) {
        return keys == null ? 0 : keys.keys(tenant).current();
    }

    @Override
    public int rotateKey(UUID tenant) {
        return requireKeys().rotate(tenant);
    }

    @Override
    public long reEncrypt(UUID tenant) {
        TenantKeyRing.Keys tenantKeys = requireKeys().keysForWriting(tenant);
        long rewritten = 0;
        long cursor = 0;
        while (true) {
            Page<Event> page = store.query(EventQuery.forTenant(tenant).order(SortOrder.OLDEST_FIRST).after(cursor)
                    .limit(RE_ENCRYPT_PAGE).build());
            Map<UUID, ObjectNode> moved = new HashMap<>();
            for (Event e : page.items()) {
                JsonNode envelope = envelope(e.data());
                if (envelope != null && envelope.path("key").asInt() != tenantKeys.current()) {
                    Event plain = decrypt(e);
                    if (!plain.dataRedacted()) {
                        moved.put(e.id(), seal(plain, tenantKeys.current(),
                                tenantKeys.byVersion().get(tenantKeys.current())));
                    }
                }
            }
            rewritten += store.rewriteData(tenant, moved);
            if (!page.hasMore()) {
                return rewritten;
            }
            cursor = page.nextCursor();
        }
    }

    @Override
    public int shred(UUID tenant) {
        return requireKeys().shred(tenant);
    }

    private TenantKeyRing requireKeys() {
        if (keys == null) {
            throw new ConflictException("encryption_not_configured", "tenant keys need a master key:"
                    + " set EVENTBUS_MASTER_KEY or EVENTBUS_MASTER_KEY_FILE");
        }
        return keys;
    }
}

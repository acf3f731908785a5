package com.bizosaas.eventbus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.contract.TestEvents;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import com.bizosaas.eventbus.memory.InMemoryTenantSettingsStore;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.tenancy.EncryptionPolicy;
import com.bizosaas.eventbus.tenancy.MasterKey;
import com.bizosaas.eventbus.tenancy.WrongMasterKeyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cipher's guarantees that do not need a server: binding to tenant and event, tampering, keys. */
class EventDataCipherTest {
    private static final MasterKey MASTER = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[32]));

    private final InMemoryTenantSettingsStore settings = new InMemoryTenantSettingsStore();
    private final EventDataCipher cipher = EventDataCipher.create(MASTER, settings, new InMemoryEventStore(),
            Clock.systemUTC());
    private final UUID tenant = UUID.randomUUID();

    private Event sealed(UUID tenantId) {
        cipher.setPolicy(tenantId, EncryptionPolicy.ALL);
        Event plain = TestEvents.event(tenantId).id(EventIds.next()).data(Map.of("card", "4242")).build();
        return cipher.apply(List.of(plain)).get(0);
    }

    @Test
    void sealedDataHoldsNoPlaintextAndOpensToTheOriginal() {
        Event sealed = sealed(tenant);

        assertThat(sealed.data().toString()).doesNotContain("4242").contains("encrypted_data");
        assertThat(cipher.decrypt(sealed).data().get("card").asText()).isEqualTo("4242");
    }

    @Test
    void ciphertextMovedToAnotherEventOrTenantDoesNotOpen() {
        Event sealed = sealed(tenant);
        Event otherId = sealed.toBuilder().id(EventIds.next()).build();
        UUID otherTenant = UUID.randomUUID();
        sealed(otherTenant);
        Event otherTenantsEvent = sealed.toBuilder().tenant(otherTenant).build();

        assertThat(cipher.decrypt(otherId).dataRedacted()).isTrue();
        assertThat(cipher.decrypt(otherTenantsEvent).dataRedacted()).isTrue();
    }

    @Test
    void alteredCiphertextIsRedactedNotAnError() {
        Event sealed = sealed(tenant);
        ObjectNode data = sealed.data().deepCopy();
        String ct = data.get("encrypted_data").get("ciphertext").asText();
        ((ObjectNode) data.get("encrypted_data")).put("ciphertext", ct.substring(0, ct.length() - 4) + "AAAA");

        Event read = cipher.decrypt(sealed.toBuilder().data(data).build());

        assertThat(read.dataRedacted()).isTrue();
        assertThat(read.data()).isNull();
    }

    @Test
    void anotherMasterKeyIsRefusedAtCreation() {
        sealed(tenant);
        MasterKey other = MasterKey.fromBase64(Base64.getEncoder().encodeToString(new byte[] {
                9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}));

        assertThatThrownBy(() -> EventDataCipher.create(other, settings, new InMemoryEventStore(), Clock.systemUTC()))
                .isInstanceOf(WrongMasterKeyException.class).hasMessageContaining("does not unwrap");
        assertThatThrownBy(() -> EventDataCipher.create(null, settings, new InMemoryEventStore(), Clock.systemUTC()))
                .hasMessageContaining("no master key");
    }

    @Test
    void eventsOfTenantsWithoutAPolicyPassUnchanged() {
        Event plain = TestEvents.event(tenant).id(EventIds.next()).data(Map.of("card", "4242")).build();

        assertThat(cipher.apply(List.of(plain)).get(0)).isSameAs(plain);
    }
}

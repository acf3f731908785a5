package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.contract.Await;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin calls a platform service needs: managed keys, the audit log, tenant encryption. */
class TenancyCallsIT {
    private static final String ROOT = "sdk-root-key";

    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer()
            .with("EVENTBUS_API_KEYS", ROOT + ":*")
            .with("EVENTBUS_MASTER_KEY", Base64.getEncoder().encodeToString(new byte[32]));

    private final UUID tenant = UUID.randomUUID();

    @Test
    void aPlatformServiceCreatesUsesListsAndRevokesATenantKey() {
        EventBusClient platform = SERVER.client(EventBusClientConfig.builder(SERVER.url(), "platform").apiKey(ROOT));
        JsonNode created = platform.createApiKey("crm", tenant, Set.of("publish", "read"), null);
        String secret = created.get("key").asText();

        EventBusClient crm = SERVER.client(EventBusClientConfig.builder(SERVER.url(), "platform").apiKey(secret));
        assertThat(crm.publish(PublishRequest.builder("lead.created", tenant).build()).eventId()).isNotNull();
        assertThat(platform.apiKeys(tenant).get("count").asInt()).isEqualTo(1);

        platform.revokeApiKey(UUID.fromString(created.get("id").asText()));
        Await.until(Duration.ofSeconds(10), () -> {
            try {
                crm.publish(PublishRequest.builder("lead.created", tenant).build());
                return false;
            } catch (UnauthorizedException e) {
                return true;
            }
        }, "the revoked key is refused");
        JsonNode audit = platform.auditLog(tenant, 0, 10);
        assertThat(audit.get("entries").get(0).get("action").asText()).isEqualTo("api_key.revoked");
    }

    @Test
    void aPlatformServiceSetsRotatesReEncryptsAndShredsATenantsEncryption() {
        EventBusClient platform = SERVER.client(EventBusClientConfig.builder(SERVER.url(), "platform").apiKey(ROOT));

        assertThat(platform.setEncryption(tenant, "types", List.of("lead.created")).get("policy").asText())
                .isEqualTo("types");
        platform.publish(PublishRequest.builder("lead.created", tenant).build());
        assertThat(platform.encryption(tenant).get("key_version").asInt()).isEqualTo(1);
        assertThat(platform.rotateKey(tenant).get("key_version").asInt()).isEqualTo(2);
        assertThat(platform.reEncrypt(tenant).get("re_encrypted").asInt()).isEqualTo(1);
        assertThat(platform.shredKeys(tenant).get("keys_deleted").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> platform.setEncryption(tenant, "sometimes", List.of()))
                .isInstanceOf(InvalidRequestException.class);
    }
}

package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErrorMappingIT {
    private static final String PLATFORM_KEY = "k-platform-0123456789abcdef";

    @RegisterExtension
    static final InProcessServer SERVER = new InProcessServer();

    @RegisterExtension
    static final InProcessServer SECURED = new InProcessServer().with("EVENTBUS_API_KEYS", PLATFORM_KEY + ":*");

    private final UUID tenant = UUID.randomUUID();

    @Test
    void anInvalidEventIsAnInvalidRequestNamingTheFieldAndNothingIsStored() {
        EventBusClient crm = SERVER.client("crm");

        assertThatThrownBy(() -> crm.publish(PublishRequest.builder("Lead Created", tenant).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("event_type");
                    assertThat(e.code()).isNotBlank();
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e).hasMessageContaining("event_type");
                });
        assertThat(crm.history(HistoryQuery.builder(tenant).build()).events()).isEmpty();
    }

    @Test
    void anInvalidSubscriptionPatternIsAnInvalidRequest() {
        EventBusClient crm = SERVER.client("crm");

        assertThatThrownBy(() -> crm.subscribe("lead.**", (ReceivedEvent r) -> { }))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("event_type"));
    }

    @Test
    void anUnknownSubscriptionIsNotFound() {
        EventBusClient crm = SERVER.client("crm");

        assertThatThrownBy(() -> crm.subscription(UUID.randomUUID()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isNotBlank();
                });
        assertThatThrownBy(() -> crm.deleteSubscription(UUID.randomUUID())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMissingApiKeyIsUnauthorizedAndTheRightOneIsAccepted() {
        EventBusClient anonymous = SECURED.client("crm");
        EventBusClient keyed = SECURED.client(InProcessServer.configFor(SECURED.url(), "crm").apiKey(PLATFORM_KEY));
        PublishRequest request = PublishRequest.builder("lead.created", tenant).build();

        assertThatThrownBy(() -> anonymous.publish(request))
                .isInstanceOfSatisfying(UnauthorizedException.class, e -> assertThat(e.status()).isEqualTo(401));
        assertThat(keyed.publish(request).duplicate()).isFalse();
    }

    @Test
    void anUnreachableServerIsReportedAsUnavailableAfterTheRetries() {
        EventBusClient nowhere = SERVER.client(InProcessServer.configFor("http://127.0.0.1:1", "crm").maxAttempts(2));

        assertThatThrownBy(() -> nowhere.publish(PublishRequest.builder("lead.created", tenant).build()))
                .isInstanceOfSatisfying(ServerUnavailableException.class, e -> {
                    assertThat(e.status()).isZero();
                    assertThat(e.code()).isEqualTo("unreachable");
                });
    }
}

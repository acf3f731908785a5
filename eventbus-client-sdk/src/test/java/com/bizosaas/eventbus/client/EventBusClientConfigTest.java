package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventBusClientConfigTest {

    @Test
    void hasTheDocumentedDefaults() {
        EventBusClientConfig config = EventBusClientConfig.builder("http://localhost:8003/", "crm").build();

        assertThat(config.baseUrl()).isEqualTo("http://localhost:8003");
        assertThat(config.serviceName()).isEqualTo("crm");
        assertThat(config.apiKey()).isNull();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.retryInitialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.retryMaxBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.pollWait()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void rejectsABaseUrlThatIsNotHttpNamingTheSettingAndValue() {
        assertThatThrownBy(() -> EventBusClientConfig.builder("ftp://bus", "crm").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseUrl must be an http or https URL; got 'ftp://bus'");
        assertThatThrownBy(() -> EventBusClientConfig.builder("http://", "crm").build())
                .hasMessageStartingWith("baseUrl ");
        assertThatThrownBy(() -> EventBusClientConfig.builder("http://bad host", "crm").build())
                .hasMessageStartingWith("baseUrl is not a URL");
    }

    @Test
    void requiresAServiceName() {
        assertThatThrownBy(() -> EventBusClientConfig.builder("http://localhost:8003", " ").build())
                .hasMessage("serviceName must be 1 to 256 characters; got ' '");
    }

    @Test
    void rejectsOutOfRangeRetriesAndTimeouts() {
        EventBusClientConfig.Builder builder = EventBusClientConfig.builder("http://localhost:8003", "crm");
        assertThatThrownBy(() -> builder.maxAttempts(0).build())
                .hasMessage("maxAttempts must be between 1 and 100; got 0");
        assertThatThrownBy(() -> EventBusClientConfig.builder("http://localhost:8003", "crm")
                .requestTimeout(Duration.ZERO).build())
                .hasMessage("requestTimeout must be a positive duration; got PT0S");
        assertThatThrownBy(() -> EventBusClientConfig.builder("http://localhost:8003", "crm")
                .retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("retryMaxBackoff must be at least retryInitialBackoff");
    }

    @Test
    void capsThePollWaitAtTheServersLimit() {
        assertThatThrownBy(() -> EventBusClientConfig.builder("http://localhost:8003", "crm")
                .pollWait(Duration.ofSeconds(31)).build())
                .hasMessage("pollWait must be at most PT30S; got PT31S");
    }

    @Test
    void subscribeOptionsRejectBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> SubscribeOptions.builder().concurrency(0).build())
                .hasMessage("concurrency must be between 1 and 256; got 0");
        assertThatThrownBy(() -> SubscribeOptions.builder().maxEventsPerPull(1001).build())
                .hasMessage("maxEventsPerPull must be between 1 and 1000; got 1001");
        assertThatThrownBy(() -> SubscribeOptions.builder()
                .nackBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("nackMaxDelay must be at least nackInitialDelay");
    }
}

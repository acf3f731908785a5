package com.bizosaas.eventbus.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.client.ConflictException;
import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.InvalidRequestException;
import com.bizosaas.eventbus.client.NotFoundException;
import com.bizosaas.eventbus.client.RateLimitedException;
import com.bizosaas.eventbus.client.ServerUnavailableException;
import com.bizosaas.eventbus.client.UnauthorizedException;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ErrorResponsesTest {
    private static final String CALL = "POST /events/publish";

    @Test
    void mapsAValidationErrorWithItsCodeMessageAndField() {
        EventBusClientException e = ErrorResponses.fromResponse(CALL, 400,
                "{\"error\":\"invalid_priority\",\"message\":\"priority must be one of low, normal\",\"field\":\"priority\"}",
                null);

        assertThat(e).isInstanceOf(InvalidRequestException.class)
                .hasMessage("POST /events/publish: priority must be one of low, normal");
        assertThat(e.code()).isEqualTo("invalid_priority");
        assertThat(e.status()).isEqualTo(400);
        assertThat(((InvalidRequestException) e).field()).isEqualTo("priority");
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void mapsEachStatusToItsExceptionType() {
        assertThat(map(422)).isInstanceOf(InvalidRequestException.class);
        assertThat(map(413)).isInstanceOf(InvalidRequestException.class);
        assertThat(map(415)).isInstanceOf(InvalidRequestException.class);
        assertThat(map(401)).isInstanceOf(UnauthorizedException.class);
        assertThat(map(403)).isInstanceOf(UnauthorizedException.class);
        assertThat(map(404)).isInstanceOf(NotFoundException.class);
        assertThat(map(409)).isInstanceOf(ConflictException.class);
        assertThat(map(429)).isInstanceOf(RateLimitedException.class);
        assertThat(map(500)).isInstanceOf(ServerUnavailableException.class);
        assertThat(map(503)).isInstanceOf(ServerUnavailableException.class);
        assertThat(map(405)).isExactlyInstanceOf(EventBusClientException.class);
    }

    @Test
    void onlyServerErrorsAndRateLimitsAreRetryable() {
        assertThat(map(503).isRetryable()).isTrue();
        assertThat(map(429).isRetryable()).isTrue();
        assertThat(map(400).isRetryable()).isFalse();
        assertThat(map(404).isRetryable()).isFalse();
        assertThat(map(409).isRetryable()).isFalse();
    }

    @Test
    void readsRetryAfterSecondsOfARateLimit() {
        RateLimitedException e = (RateLimitedException) ErrorResponses.fromResponse(CALL, 429,
                "{\"error\":\"rate_limited\",\"message\":\"tenant over its rate\"}", "7");

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(e.code()).isEqualTo("rate_limited");
    }

    @Test
    void treatsAMissingOrUnreadableRetryAfterAsNoAdvice() {
        assertThat(ErrorResponses.retryAfterOf(null)).isZero();
        assertThat(ErrorResponses.retryAfterOf("Wed, 21 Oct 2015 07:28:00 GMT")).isZero();
        assertThat(ErrorResponses.retryAfterOf("-3")).isZero();
    }

    @Test
    void quotesABodyThatIsNotTheServersErrorShape() {
        EventBusClientException e = ErrorResponses.fromResponse(CALL, 502, "<html>\n bad   gateway </html>", null);

        assertThat(e.code()).isEqualTo("http_502");
        assertThat(e).hasMessage("POST /events/publish: 502 <html> bad gateway </html>");
    }

    @Test
    void mapsANetworkFailureToARetryableErrorWithoutStatus() {
        ServerUnavailableException e = ErrorResponses.fromFailure(CALL, new ConnectException("Connection refused"));

        assertThat(e.status()).isZero();
        assertThat(e.code()).isEqualTo("unreachable");
        assertThat(e.isRetryable()).isTrue();
        assertThat(e).hasCauseInstanceOf(IOException.class).hasMessageContaining("Connection refused");
    }

    private static EventBusClientException map(int status) {
        return ErrorResponses.fromResponse(CALL, status, "{\"error\":\"e\",\"message\":\"m\"}", null);
    }
}

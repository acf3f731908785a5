package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {
    /** The worked example of the Standard Webhooks specification (checked with openssl as well). */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String TIMESTAMP = "1614265330";
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final WebhookVerifier verifier = WebhookVerifier.of(SECRET).withClock(clockAt(1614265330 + 60));

    @Test
    void acceptsTheSpecificationsWorkedExample() {
        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, BODY)).doesNotThrowAnyException();
    }

    @Test
    void acceptsWhenAnyOfSeveralSpaceSeparatedSignaturesMatches() {
        String rotated = "v1,bm90IHRoZSByaWdodCBzaWduYXR1cmUgYXQgYWxsIQ== " + SIGNATURE;
        assertThatCode(() -> verifier.verify(ID, TIMESTAMP, rotated, BODY)).doesNotThrowAnyException();
    }

    @Test
    void readsTheHeadersThroughALookupFunction() {
        Map<String, String> headers = Map.of("webhook-id", ID, "webhook-timestamp", TIMESTAMP,
                "webhook-signature", SIGNATURE);
        assertThatCode(() -> verifier.verify(headers::get, BODY)).doesNotThrowAnyException();
    }

    @Test
    void rejectsABodyChangedByOneByte() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, SIGNATURE, tampered))
                .isInstanceOf(WebhookVerificationException.class)
                .extracting(e -> ((WebhookVerificationException) e).code()).isEqualTo("invalid_signature");
    }

    @Test
    void rejectsAnotherMessageIdWithTheSameSignature() {
        assertThatThrownBy(() -> verifier.verify("msg_other", TIMESTAMP, SIGNATURE, BODY))
                .hasFieldOrPropertyWithValue("code", "invalid_signature");
    }

    @Test
    void rejectsASignatureMadeWithAnotherSecret() {
        WebhookVerifier other = WebhookVerifier.of("whsec_" + "c2VjcmV0LW9mLWFub3RoZXItc3Vic2NyaXB0aW9u")
                .withClock(clockAt(1614265330));
        assertThatThrownBy(() -> other.verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .hasFieldOrPropertyWithValue("code", "invalid_signature");
    }

    @Test
    void rejectsSignaturesOfAnUnknownVersion() {
        String v2 = SIGNATURE.replace("v1,", "v2,");
        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, v2, BODY))
                .hasFieldOrPropertyWithValue("code", "invalid_signature");
    }

    @Test
    void rejectsTimestampsOlderThanTheTolerance() {
        WebhookVerifier late = WebhookVerifier.of(SECRET).withClock(clockAt(1614265330 + 301));
        assertThatThrownBy(() -> late.verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .hasFieldOrPropertyWithValue("code", "timestamp_out_of_tolerance");
    }

    @Test
    void rejectsTimestampsFromTooFarInTheFuture() {
        WebhookVerifier early = WebhookVerifier.of(SECRET).withClock(clockAt(1614265330 - 301));
        assertThatThrownBy(() -> early.verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .hasFieldOrPropertyWithValue("code", "timestamp_out_of_tolerance");
    }

    @Test
    void honoursAConfiguredTolerance() {
        WebhookVerifier strict = WebhookVerifier.of(SECRET).withTolerance(Duration.ofSeconds(30))
                .withClock(clockAt(1614265330 + 31));
        assertThatThrownBy(() -> strict.verify(ID, TIMESTAMP, SIGNATURE, BODY))
                .hasFieldOrPropertyWithValue("code", "timestamp_out_of_tolerance");
    }

    @Test
    void rejectsMissingHeadersNamingTheHeader() {
        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, null, BODY))
                .hasFieldOrPropertyWithValue("code", "missing_header")
                .hasMessageContaining("webhook-signature");
    }

    @Test
    void rejectsATimestampThatIsNotANumber() {
        assertThatThrownBy(() -> verifier.verify(ID, "yesterday", SIGNATURE, BODY))
                .hasFieldOrPropertyWithValue("code", "invalid_timestamp");
    }

    @Test
    void refusesASecretThatIsNotBase64() {
        assertThatThrownBy(() -> WebhookVerifier.of("whsec_not base64!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whsec_");
    }

    @Test
    void verificationFailuresAreClientExceptionsWithoutAStatus() {
        assertThatThrownBy(() -> verifier.verify(ID, TIMESTAMP, "v1,", BODY))
                .isInstanceOf(EventBusClientException.class)
                .satisfies(e -> assertThat(((EventBusClientException) e).status()).isZero());
    }

    private static Clock clockAt(long epochSeconds) {
        return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }
}

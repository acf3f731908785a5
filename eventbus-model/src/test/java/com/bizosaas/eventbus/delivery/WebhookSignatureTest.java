package com.bizosaas.eventbus.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The Standard Webhooks signature the server signs with and the SDK's WebhookVerifier checks. */
class WebhookSignatureTest {
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void matchesTheStandardWebhooksReferenceVector() {
        // The example of the Standard Webhooks specification's reference libraries.
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

        assertThat(WebhookSignature.sign(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void verifiesOneOfSeveralSignaturesAndRefusesAnotherBody() {
        String secret = WebhookSignature.newSecret();
        String good = WebhookSignature.sign(secret, "msg_1", 1700000000L, BODY);

        assertThat(WebhookSignature.verify(secret, "msg_1", "1700000000", BODY, "v1,bm90IGl0 " + good)).isTrue();
        assertThat(WebhookSignature.verify(secret, "msg_1", 1700000000L, "{}".getBytes(StandardCharsets.UTF_8), good))
                .isFalse();
        assertThat(WebhookSignature.verify(secret, "msg_2", 1700000000L, BODY, good)).isFalse();
    }
}

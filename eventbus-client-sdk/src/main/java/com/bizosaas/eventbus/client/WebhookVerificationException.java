package com.bizosaas.eventbus.client;

/**
 * A received webhook failed {@link WebhookVerifier} checks; answer it with 400 or 401 and do not
 * act on it. {@link #code()} says why: {@code missing_header}, {@code invalid_timestamp},
 * {@code timestamp_out_of_tolerance} or {@code invalid_signature}.
 */
public class WebhookVerificationException extends EventBusClientException {
    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String code, String message) {
        super(code, message, 0);
    }
}

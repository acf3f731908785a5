/**
 * Subscriptions and deliveries: what a subscription asks for, the states and attempts of a
 * delivery, dead-letter queries, replays and the webhook target rules. ({@code RetryPolicy} and
 * {@code WebhookSignature} share this package from {@code eventbus-model}.)
 */
package com.bizosaas.eventbus.delivery;

/**
 * The adapters' contracts: the store's roles ({@code EventLog}, {@code EventOutbox},
 * {@code EventRetention}, together {@code EventStore}), {@code MessageBroker}, {@code SubscriptionStore},
 * {@code DeliveryStore} and {@code RateLimitBuckets}. Each has a contract suite in core's test-jar.
 */
package com.bizosaas.eventbus.spi;

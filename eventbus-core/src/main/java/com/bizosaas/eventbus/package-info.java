/**
 * The engine's API: {@link com.bizosaas.eventbus.EventBus} and its builder, publishing, subscriptions,
 * dead letters, replays and the exceptions they throw. (The model's exceptions and
 * {@code DeliveryOutcome} share this package from {@code eventbus-model}.)
 */
package com.bizosaas.eventbus;

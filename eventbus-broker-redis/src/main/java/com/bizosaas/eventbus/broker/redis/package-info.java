/**
 * The Redis Streams {@code MessageBroker}: {@link com.bizosaas.eventbus.broker.redis.RedisStreamsBroker}
 * and its settings, {@link com.bizosaas.eventbus.broker.redis.RedisConfig} ({@code EVENTBUS_REDIS_*}).
 */
package com.bizosaas.eventbus.broker.redis;

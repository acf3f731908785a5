/**
 * The Redis broker's machinery (connections, consumer groups, trimming, loss detection); not an API.
 */
package com.bizosaas.eventbus.broker.redis.internal;

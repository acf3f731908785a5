package com.bizosaas.eventbus.broker.redis.internal;

import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.UnavailableException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Turns Jedis exceptions into the bus's exceptions at the adapter edge. Stateless. */
final class RedisFailures {
    private RedisFailures() {
    }

    /**
     * True for failures a later retry may cure: the connection broke, Redis is unreachable, or
     * the pool had no connection to lend in time.
     */
    static boolean isConnectionTrouble(Throwable e) {
        return e instanceof JedisConnectionException
                || (e instanceof JedisException && !(e instanceof JedisDataException)
                        && e.getCause() instanceof java.util.NoSuchElementException);
    }

    /** True when Redis no longer knows the stream or its group (it restarted without data, or someone deleted them). */
    static boolean isMissingGroup(Throwable e) {
        if (!(e instanceof JedisDataException)) {
            return false;
        }
        // XREADGROUP and XAUTOCLAIM say NOGROUP; XINFO CONSUMERS on a vanished stream says "no such key";
        // an XREADGROUP blocked while the stream is deleted says UNBLOCKED.
        String message = String.valueOf(e.getMessage());
        return message.startsWith("NOGROUP") || message.equals("ERR no such key")
                || message.startsWith("UNBLOCKED the stream key no longer exists");
    }

    /** {@link UnavailableException} for connection trouble, a non-transient {@code broker_error} otherwise. */
    static EventBusException translate(String action, String address, RuntimeException e) {
        if (e instanceof EventBusException ebe) {
            return ebe;
        }
        if (isConnectionTrouble(e)) {
            return new UnavailableException(action + " failed: Redis at " + address + " is unreachable ("
                    + e.getMessage() + ")", e);
        }
        return new EventBusException("broker_error", action + " failed: Redis at " + address + " answered "
                + e.getMessage(), false, e);
    }
}

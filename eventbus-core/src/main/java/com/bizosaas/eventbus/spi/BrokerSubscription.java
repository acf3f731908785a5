package com.bizosaas.eventbus.spi;

/** A live member of a consumer group. Closing it stops consumption; in-flight messages stay unacknowledged. */
public interface BrokerSubscription extends AutoCloseable {
    @Override
    void close();
}

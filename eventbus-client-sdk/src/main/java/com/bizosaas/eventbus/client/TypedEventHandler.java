package com.bizosaas.eventbus.client;

/**
 * Processes one event of a subscription with its data already mapped onto {@code T} (see
 * {@link EventBusClient#subscribe(String, SubscribeOptions, Class, TypedEventHandler)}).
 * Returning normally acknowledges the event; throwing gives it back to be delivered again.
 * Called from the subscription's worker threads.
 *
 * @param <T> the type the data is mapped onto: a record, bean or map
 */
@FunctionalInterface
public interface TypedEventHandler<T> {
    void handle(ReceivedEvent received, T data) throws Exception;
}

package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.DeliveryStore;
import java.time.Instant;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Where the dispatcher sends one matched delivery, chosen once when the engine is built.
 * {@link #STORED}: enqueue, then a worker or a puller claims, attempts and settles it.
 * {@link #direct}: the embedded shortcut for in-process handlers when the delivery store
 * does not outlive the process, attempted at once and stored only if it fails.
 */
interface DeliveryPath {

    /** Enqueued with the event's other deliveries in one store call. */
    DeliveryPath STORED = (subscription, event, orderingKey, toStore, now) -> {
        toStore.add(Delivery.pending(subscription.id(), event, orderingKey, null, now));
        return true;
    };

    /**
     * Takes one delivery: adds it to {@code toStore} (enqueued by the caller) or attempts it
     * another way. Returns whether it went to {@code toStore}.
     */
    boolean take(Subscription subscription, Event event, String orderingKey, List<Delivery> toStore, Instant now);

    /** The path of in-process deliveries, from the delivery store's declared durability. */
    static DeliveryPath forInProcess(DeliveryStore store, DirectDeliveries direct) {
        if (store.isDurable()) {
            return STORED;
        }
        LoggerFactory.getLogger(DeliveryPath.class).info("The delivery store does not outlive this process: "
                + "first attempts of in-process deliveries skip it, and only failed ones are stored");
        return direct(direct);
    }

    /** Hands the first attempt to {@link DirectDeliveries}, which stores only what needs the store. */
    static DeliveryPath direct(DirectDeliveries direct) {
        return (subscription, event, orderingKey, toStore, now) -> {
            direct.submit(subscription, event, orderingKey);
            return false;
        };
    }
}

package com.bizosaas.eventbus;

import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.model.Page;
import java.util.UUID;

/** Deliveries that ran out of attempts: list, inspect, redrive, discard. Thread-safe. */
public interface DeadLetters {

    Page<Delivery> deadLetters(DeadLetterQuery query);

    /** One dead letter; throws {@link NotFoundException} if there is no dead letter with this id. */
    Delivery deadLetter(UUID deliveryId);

    /** Makes the matching dead letters due again with a fresh attempt budget. Returns how many. */
    int redrive(DeadLetterQuery query);

    int discard(DeadLetterQuery query);
}

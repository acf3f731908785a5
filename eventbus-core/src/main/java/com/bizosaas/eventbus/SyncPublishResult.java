package com.bizosaas.eventbus;

import com.bizosaas.eventbus.model.PublishReceipt;
import java.util.List;

/**
 * What {@link EventPublisher#publishAndWait} returns: the receipt and the first attempt's outcome
 * for every matching push subscription.
 *
 * @param complete false when the wait timed out before every outcome arrived
 */
public record SyncPublishResult(PublishReceipt receipt, List<DeliveryOutcome> outcomes, boolean complete) {
    public SyncPublishResult {
        outcomes = List.copyOf(outcomes);
    }
}

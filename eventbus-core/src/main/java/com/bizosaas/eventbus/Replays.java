package com.bizosaas.eventbus;

import com.bizosaas.eventbus.delivery.ReplayJob;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * Re-delivers stored events to one subscription, marked as replayed, leaving every other
 * subscriber untouched. Jobs run in the background; their progress is kept by this instance.
 */
public interface Replays {

    /** Starts a replay; throws {@link NotFoundException} if the subscription does not exist. */
    ReplayJob startReplay(ReplayRequest request);

    Optional<ReplayJob> replay(UUID replayId);
}

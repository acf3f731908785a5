package com.bizosaas.eventbus.publishing;

import com.bizosaas.eventbus.model.Event;
import java.util.List;

/**
 * One step of publishing that runs on a batch before it is stored: a rate limit, a schema check,
 * encryption. The engine runs its stages in a fixed order (validate, authorize, rate-limit,
 * schema, encrypt, then append and hand to the broker); a stage that is not configured is simply
 * absent. Adding a capability to the publish path is one class implementing this and one line
 * where the pipeline is assembled ({@code PublishPipeline}).
 */
@FunctionalInterface
public interface PublishStage {
    /**
     * Checks or transforms a batch whose events already carry their id and time. Returns the
     * batch to pass on, in the same order and of the same size; throws an
     * {@link com.bizosaas.eventbus.EventBusException} to refuse the whole batch, before anything
     * is stored.
     */
    List<Event> apply(List<Event> events);
}

package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.publishing.PublishStage;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages a batch passes before it is appended, chosen once when the engine is built. The
 * order is the contract's: validate, authorize, rate-limit, schema, encrypt; builder-supplied
 * stages run last, just before the append.
 */
final class PublishPipeline {
    private final List<PublishStage> stages;

    private PublishPipeline(List<PublishStage> stages) {
        this.stages = List.copyOf(stages);
    }

    static PublishPipeline assemble(TenantRateLimiter rateLimiter, PublishStage schemaValidation,
                                    List<PublishStage> extraStages) {
        List<PublishStage> stages = new ArrayList<>();
        stages.add(rateLimiter);
        stages.add(schemaValidation);
        stages.addAll(extraStages);
        return new PublishPipeline(stages);
    }

    List<Event> run(List<Event> events) {
        List<Event> batch = events;
        for (PublishStage stage : stages) {
            List<Event> next = stage.apply(batch);
            if (next.size() != batch.size()) {
                throw new IllegalStateException(stage.getClass().getName() + " returned " + next.size()
                        + " events for a batch of " + batch.size());
            }
            batch = next;
        }
        return batch;
    }
}

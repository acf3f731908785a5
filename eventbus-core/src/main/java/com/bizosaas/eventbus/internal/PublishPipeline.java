package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.publishing.PublishStage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The publish path, chosen once when the engine is built: an event validated when it was built
 * (its builder, or the server's {@code JsonFields}) and authorized by the caller (the server's
 * {@code AccessControl}) passes the stages in the contract's order (identity, rate limit, then
 * the builder's stages such as schema, then encryption, always last), is appended ({@link EventAppender}) and handed to
 * the broker ({@link BrokerHandoff}). A stage that is not configured is absent. Thread-safe.
 */
final class PublishPipeline {
    private final List<PublishStage> stages;
    /** Last, apart from the others: the idempotency check compares what the caller sent, in clear. */
    private final EventDataCipher encryption;
    private final EventAppender appender;

    private PublishPipeline(List<PublishStage> stages, EventDataCipher encryption, EventAppender appender) {
        this.stages = List.copyOf(stages);
        this.encryption = encryption;
        this.appender = appender;
    }

    static PublishPipeline assemble(Clock clock, TenantRateLimiter rateLimiter, PublishStage schemaValidation,
                                    List<PublishStage> extraStages, EventDataCipher encryption, EventAppender appender) {
        List<PublishStage> stages = new ArrayList<>();
        stages.add(new AssignIdentity(clock));
        stages.add(rateLimiter);
        stages.add(schemaValidation);
        stages.addAll(extraStages);
        return new PublishPipeline(stages, encryption, appender);
    }

    List<PublishReceipt> publish(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Event> requests = run(events);
        return appender.append(encryption.apply(requests), requests);
    }

    /** Stream events are published events too: the same stages, then an append at the expected version. */
    List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        return appender.appendToStream(tenantId, streamId, expectedVersion, encryption.apply(run(events)));
    }

    private List<Event> run(List<Event> events) {
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

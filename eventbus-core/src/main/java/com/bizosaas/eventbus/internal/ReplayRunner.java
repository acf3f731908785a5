package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.ReplayJob;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Runs replay jobs: pages through the store oldest first and enqueues one delivery per matching
 * event, tagged with the job id, for the one subscription. The tag makes them new deliveries
 * even for events that subscription received before, and marks them as replays to receivers.
 */
final class ReplayRunner {
    private static final int PAGE = 500;

    private final EventStore events;
    private final DeliveryStore deliveries;
    private final SubscriptionCache subscriptions;
    private final Clock clock;
    private final ExecutorService executor;
    private final Runnable onProgress;
    private final Map<UUID, ReplayJob> jobs = new ConcurrentHashMap<>();

    ReplayRunner(EngineSettings settings, SubscriptionCache subscriptions, ExecutorService executor,
                 Runnable onProgress) {
        this.events = settings.store();
        this.deliveries = settings.deliveryStore();
        this.subscriptions = subscriptions;
        this.clock = settings.clock();
        this.executor = executor;
        this.onProgress = onProgress;
    }

    ReplayJob start(ReplayRequest request) {
        // Another tenant's subscription answers like an unknown one, so a replay cannot probe for ids.
        Subscription sub = subscriptions.get(request.subscriptionId())
                .filter(s -> s.tenantId() == null || s.tenantId().equals(request.tenantId()))
                .orElseThrow(() -> new NotFoundException("subscription " + request.subscriptionId() + " does not exist"));
        ReplayJob job = new ReplayJob(EventIds.next(), request, ReplayJob.State.RUNNING, 0, 0, clock.instant(), null,
                null);
        jobs.put(job.id(), job);
        executor.execute(() -> run(job, sub));
        return job;
    }

    Optional<ReplayJob> find(UUID id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void run(ReplayJob job, Subscription sub) {
        ReplayRequest r = job.request();
        long scanned = 0;
        long queued = 0;
        try {
            EventQuery.Builder query = EventQuery.forTenant(r.tenantId()).types(r.eventTypes()).from(r.fromTime())
                    .to(r.toTime()).positions(r.fromPosition(), r.toPosition()).order(SortOrder.OLDEST_FIRST)
                    .limit(PAGE);
            long cursor = 0;
            do {
                Page<Event> page = events.query(query.after(cursor).build());
                Instant now = clock.instant();
                List<Delivery> batch = new ArrayList<>(page.items().size());
                for (Event e : page.items()) {
                    if (sub.matches(e)) {
                        batch.add(Delivery.pending(sub.id(), e, Dispatcher.orderingKey(sub, e), job.id(), now));
                    }
                }
                queued += deliveries.enqueue(batch);
                scanned += page.items().size();
                cursor = page.nextCursor();
                jobs.put(job.id(), progress(job, ReplayJob.State.RUNNING, scanned, queued, null, null));
                onProgress.run();
            } while (cursor != 0);
            jobs.put(job.id(), progress(job, ReplayJob.State.COMPLETED, scanned, queued, clock.instant(), null));
        } catch (RuntimeException e) {
            jobs.put(job.id(), progress(job, ReplayJob.State.FAILED, scanned, queued, clock.instant(), e.toString()));
        }
    }

    private static ReplayJob progress(ReplayJob job, ReplayJob.State state, long scanned, long queued, Instant finished,
                                      String error) {
        return new ReplayJob(job.id(), job.request(), state, scanned, queued, job.startedAt(), finished, error);
    }
}

package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.DeliveryOutcome;
import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.EventBusStats;
import com.bizosaas.eventbus.EventHandler;
import com.bizosaas.eventbus.IdempotencyKeyReusedException;
import com.bizosaas.eventbus.InProcessOptions;
import com.bizosaas.eventbus.NotFoundException;
import com.bizosaas.eventbus.PulledEvent;
import com.bizosaas.eventbus.SyncPublishResult;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.DeadLetterQuery;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.DeliveryStatus;
import com.bizosaas.eventbus.delivery.EventPattern;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.ReplayJob;
import com.bizosaas.eventbus.delivery.ReplayRequest;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.SubscriptionStatus;
import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.delivery.WebhookTargets;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.HealthIndicator;
import com.bizosaas.eventbus.tenancy.RateLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine behind {@link EventBus}: wires publisher, relay, dispatcher, workers and pull queues. */
public final class DefaultEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEventBus.class);
    /** Events handed to the broker but not yet confirmed; beyond this, publishers wait (backpressure). */
    private static final int MAX_UNCONFIRMED = 50_000;
    /** How long an in-memory delivery store remembers finished deliveries at least. */
    private static final Duration MIN_FINISHED_KEPT = Duration.ofMinutes(1);

    private final EngineSettings settings;
    private final EventBusStats stats = new EventBusStats();
    private final SubscriptionCache subscriptions;
    private final InProcessHandlers handlers = new InProcessHandlers();
    private final OutcomeRegistry outcomes = new OutcomeRegistry();
    private final HeldKeys heldKeys = new HeldKeys();
    private final SubjectOrder subjectOrder = new SubjectOrder();
    private final OutboxRelay relay;
    private final ScheduledRelease scheduledRelease;
    private final DeliverySettler settler;
    private final CircuitBreakers circuits;
    private final WebhookSender webhooks;
    private final DeliveryWorker worker;
    private final PullCoordinator pulls;
    private final DirectDeliveries direct;
    private final Dispatcher dispatcher;
    private final ReplayRunner replays;
    private final ExecutorService deliveryPool;
    private final ScheduledExecutorService housekeeping;
    private final Semaphore unconfirmed = new Semaphore(MAX_UNCONFIRMED);
    private final TenantRateLimiter rateLimiter;
    private final PublishPipeline pipeline;
    private volatile boolean started;

    public DefaultEventBus(EngineSettings settings) {
        this.settings = settings;
        this.subscriptions = new SubscriptionCache(settings.subscriptionStore());
        this.rateLimiter = new TenantRateLimiter(settings.defaultRateLimit(), settings.rateLimitBuckets());
        this.pipeline = PublishPipeline.assemble(rateLimiter, settings.publishStages());
        this.relay = new OutboxRelay(settings);
        this.scheduledRelease = new ScheduledRelease(settings, relay);
        this.circuits = new CircuitBreakers(settings, () -> this);
        this.settler = new DeliverySettler(settings, subscriptions, outcomes, heldKeys, stats, circuits);
        int deliveryThreads = Math.max(4, Math.min(32, settings.deliveryConcurrency()));
        this.deliveryPool = Executors.newFixedThreadPool(deliveryThreads, daemonThreads("eventbus-deliver"));
        this.webhooks = new WebhookSender(settings.webhookTimeout(), settings.clock(),
                settings.webhookDenyPrivate(), settings.webhookResolver(), deliveryPool);
        this.worker = new DeliveryWorker(settings, subscriptions, handlers, webhooks, settler, deliveryPool, circuits);
        this.pulls = new PullCoordinator(settings, subscriptions, settler);
        this.direct = new DirectDeliveries(settings, subscriptions, handlers, heldKeys, settler, worker, deliveryPool,
                deliveryThreads);
        this.dispatcher = new Dispatcher(settings, subscriptions, worker, pulls, relay, direct);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemonThreads("eventbus-housekeeping"));
        this.replays = new ReplayRunner(settings, subscriptions, deliveryPool, this::wakeAll);
    }

    @Override
    public synchronized EventBus start() {
        if (started) {
            return this;
        }
        subscriptions.refresh();
        circuits.refresh();
        if (!settings.broker().isDurable()) {
            LOG.warn("The broker keeps messages in this process's memory only: a crash loses what it held, and "
                    + "events stay in the outbox until dispatched so that a durable store republishes them");
        }
        relay.start();
        scheduledRelease.start();
        worker.start();
        dispatcher.start();
        housekeeping.scheduleWithFixedDelay(guarded("confirmations", relay::flushConfirmations), 100, 100,
                TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(guarded("outbox relay", relay::relayUnconfirmed), 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guarded("subscription refresh", subscriptions::refresh), 2, 2,
                TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guarded("circuit refresh", circuits::refresh), 2, 2, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(guarded("event retention", this::applyRetention), 1, 60,
                TimeUnit.MINUTES);
        if (!settings.deliveryStore().isDurable()) {
            // Memory is the limit there, not the TTL: see forgetFinishedDeliveries. Durable stores
            // apply the TTL to finished deliveries in their own maintenance (PostgreSQL: hourly).
            housekeeping.scheduleWithFixedDelay(guarded("delivery retention", this::forgetFinishedDeliveries), 30, 30,
                    TimeUnit.SECONDS);
        }
        started = true;
        return this;
    }

    // ---- publishing ----

    @Override
    public PublishReceipt publish(Event event) {
        return publishAll(List.of(event)).get(0);
    }

    @Override
    public List<PublishReceipt> publishAll(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        Instant now = settings.clock().instant();
        List<Event> identified = new ArrayList<>(events.size());
        for (Event e : events) {
            identified.add(e.toBuilder().id(e.id() == null ? EventIds.next() : e.id()).time(now).position(0).build());
        }
        List<Event> drafts = pipeline.run(identified);
        return subjectOrder.inOrder(drafts, () -> {
            List<AppendResult> results = settings.store().append(drafts);
            List<Event> fresh = new ArrayList<>(results.size());
            List<PublishReceipt> receipts = new ArrayList<>(results.size());
            for (AppendResult r : results) {
                receipts.add(new PublishReceipt(r.event().id(), r.event().position(), r.event().time(),
                        r.duplicate()));
                if (!r.duplicate()) {
                    fresh.add(r.event());
                }
            }
            stats.recordPublished(fresh.size());
            hand(fresh);
            requireSameRequests(drafts, results);
            return receipts;
        });
    }

    /** Refuses a duplicate whose stored original is a different request: its key or id was reused. */
    private static void requireSameRequests(List<Event> drafts, List<AppendResult> results) {
        for (int i = 0; i < drafts.size(); i++) {
            Event draft = drafts.get(i);
            Event original = results.get(i).event();
            if (results.get(i).duplicate() && !draft.isSameRequestAs(original)) {
                boolean sameId = draft.id().equals(original.id());
                throw new IdempotencyKeyReusedException((sameId
                        ? "event_id " + draft.id()
                        : "idempotency_key '" + draft.idempotencyKey() + "'")
                        + " was already used for a different event (" + original.id() + ", "
                        + original.eventType() + "); use a new key for a new event", sameId ? "event_id"
                        : "idempotency_key", i);
            }
        }
    }

    /** Gives stored events to the broker without waiting for its confirmation. */
    private void hand(List<Event> all) {
        List<Event> stored = ScheduledRelease.immediate(all);
        if (stored.isEmpty()) {
            return;
        }
        int permits = Math.min(stored.size(), MAX_UNCONFIRMED);
        unconfirmed.acquireUninterruptibly(permits);
        relay.send(stored).whenComplete((ok, error) -> unconfirmed.release(permits));
    }

    @Override
    public void cancelScheduled(UUID tenantId, UUID eventId) {
        scheduledRelease.cancel(tenantId, eventId);
    }

    @Override
    public SyncPublishResult publishAndWait(Event event, Duration timeout) {
        Event withId = event.id() == null ? event.toBuilder().id(EventIds.next()).build() : event;
        Set<UUID> expected = subscriptions.matching(withId).stream()
                .filter(s -> s.status() == SubscriptionStatus.ACTIVE)
                .filter(s -> s.mode() == DeliveryMode.WEBHOOK
                        || (s.mode() == DeliveryMode.IN_PROCESS && handlers.get(s.id()).isPresent()))
                .map(Subscription::id)
                .collect(Collectors.toSet());
        var waiting = outcomes.expect(withId.id(), expected);
        PublishReceipt receipt;
        try {
            receipt = publish(withId);
        } catch (RuntimeException e) {
            outcomes.abandon(withId.id());
            throw e;
        }
        if (receipt.duplicate()) {
            outcomes.abandon(withId.id());
            return new SyncPublishResult(receipt, List.of(), true);
        }
        try {
            return new SyncPublishResult(receipt, waiting.get(timeout.toMillis(), TimeUnit.MILLISECONDS), true);
        } catch (TimeoutException e) {
            return new SyncPublishResult(receipt, outcomes.abandon(withId.id()), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SyncPublishResult(receipt, outcomes.abandon(withId.id()), false);
        } catch (ExecutionException e) {
            throw new EventBusException("sync_wait_failed", "waiting for delivery outcomes failed", false, e);
        }
    }

    // ---- history and streams ----

    @Override
    public Page<Event> history(EventQuery query) {
        return settings.store().query(query);
    }

    @Override
    public Optional<Event> find(UUID tenantId, UUID eventId) {
        return settings.store().find(tenantId, eventId);
    }

    @Override
    public List<Event> appendToStream(UUID tenantId, String streamId, long expectedVersion, List<Event> events) {
        Instant now = settings.clock().instant();
        List<Event> drafts = events.stream()
                .map(e -> e.toBuilder().id(e.id() == null ? EventIds.next() : e.id()).time(now).tenant(tenantId)
                        .subject(streamId).position(0).build())
                .toList();
        return subjectOrder.inOrder(drafts, () -> {
            List<Event> stored = settings.store().appendToStream(tenantId, streamId, expectedVersion, drafts);
            stats.recordPublished(stored.size());
            hand(stored);
            return stored;
        });
    }

    @Override
    public List<Event> readStream(UUID tenantId, String streamId, long fromVersion) {
        return settings.store().readStream(tenantId, streamId, fromVersion);
    }

    // ---- subscriptions ----

    @Override
    public Subscription subscribe(Subscription subscription) {
        if (subscription.mode() == DeliveryMode.WEBHOOK) {
            WebhookTargets.checkSubscription(subscription.webhookUrl(), settings.webhookDenyPrivate(),
                    settings.webhookResolver());
        }
        Subscription toSave = subscription.secret() == null
                ? subscription.withSecret(WebhookSignature.newSecret(),
                subscription.createdAt() == null ? settings.clock().instant() : subscription.createdAt())
                : subscription;
        Subscription saved = settings.subscriptionStore().save(toSave);
        subscriptions.refresh();
        return saved;
    }

    @Override
    public Registration on(String eventPattern, String serviceName, InProcessOptions options, EventHandler handler) {
        EventPattern.validate(eventPattern, "event_type");
        if (options == null || handler == null) {
            throw new IllegalArgumentException("options and handler are required");
        }
        UUID id = UUID.nameUUIDFromBytes(("in-process:" + serviceName + ":" + eventPattern)
                .getBytes(StandardCharsets.UTF_8));
        int maxAttempts = options.maxAttempts() == 0 ? settings.defaultMaxAttempts() : options.maxAttempts();
        // An existing subscription keeps its status and secret; this registration's options replace its old ones.
        Subscription existing = subscription(id).orElse(null);
        Subscription sub = new Subscription(id, null, eventPattern, serviceName, DeliveryMode.IN_PROCESS, null,
                existing == null ? null : existing.secret(), maxAttempts, PayloadFormat.EVENTBUS, options.ordered(),
                existing == null ? SubscriptionStatus.ACTIVE : existing.status(),
                existing == null ? settings.clock().instant() : existing.createdAt());
        handlers.put(id, handler);
        Subscription saved = subscribe(sub);
        worker.wake();
        return new Registration() {
            @Override
            public Subscription subscription() {
                return saved;
            }

            /** Stops this JVM's handler; the subscription stays, so events keep accumulating for a restart. */
            @Override
            public void close() {
                handlers.remove(id);
            }
        };
    }

    @Override
    public List<Subscription> subscriptions() {
        return settings.subscriptionStore().list();
    }

    @Override
    public Optional<CircuitState> circuit(UUID subscriptionId) {
        return circuits.get(subscriptionId);
    }

    @Override
    public List<CircuitState> circuits() {
        return circuits.all();
    }

    @Override
    public Optional<Subscription> subscription(UUID id) {
        return settings.subscriptionStore().find(id);
    }

    @Override
    public void unsubscribe(UUID id) {
        if (!settings.subscriptionStore().delete(id)) {
            throw new NotFoundException("subscription " + id + " does not exist");
        }
        settings.deliveryStore().deleteForSubscription(id);
        direct.forget(id);
        handlers.remove(id);
        subscriptions.refresh();
    }

    @Override
    public Subscription setStatus(UUID id, SubscriptionStatus status) {
        Subscription current = subscription(id)
                .orElseThrow(() -> new NotFoundException("subscription " + id + " does not exist"));
        Subscription saved = settings.subscriptionStore().save(current.withStatus(status));
        subscriptions.refresh();
        wakeAll();
        return saved;
    }

    // ---- pull ----

    @Override
    public List<PulledEvent> pull(UUID subscriptionId, int max, Duration wait) {
        try {
            return pulls.pull(subscriptionId, max, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    @Override
    public void ack(UUID subscriptionId, List<String> ackIds) {
        pulls.ack(subscriptionId, ackIds);
    }

    @Override
    public void nack(UUID subscriptionId, List<String> ackIds, Duration delay, String error, boolean deadLetter) {
        pulls.nack(subscriptionId, ackIds, delay, error, deadLetter);
    }

    // ---- dead letters ----

    @Override
    public Page<Delivery> deadLetters(DeadLetterQuery query) {
        return settings.deliveryStore().deadLetters(query);
    }

    @Override
    public Delivery deadLetter(UUID deliveryId) {
        return settings.deliveryStore().find(deliveryId)
                .filter(d -> d.status() == DeliveryStatus.DEAD)
                .orElseThrow(() -> new NotFoundException("no dead letter with id " + deliveryId));
    }

    @Override
    public int redrive(DeadLetterQuery query) {
        int count = settings.deliveryStore().redrive(query, settings.clock().instant());
        wakeAll();
        return count;
    }

    @Override
    public int discard(DeadLetterQuery query) {
        return settings.deliveryStore().discard(query);
    }

    @Override
    public long deadLetterCount() {
        return settings.deliveryStore().count(DeliveryStatus.DEAD);
    }

    // ---- replay ----

    @Override
    public ReplayJob startReplay(ReplayRequest request) {
        return replays.start(request);
    }

    @Override
    public Optional<ReplayJob> replay(UUID replayId) {
        return replays.find(replayId);
    }

    private void wakeAll() {
        worker.wake();
        subscriptions.all().forEach(s -> pulls.wake(s.id()));
    }

    // ---- operations ----

    @Override
    public Map<String, ComponentHealth> health() {
        Map<String, ComponentHealth> result = new LinkedHashMap<>();
        for (HealthIndicator part : List.of(settings.store(), settings.broker())) {
            ComponentHealth health;
            try {
                health = part.health();
            } catch (RuntimeException e) {
                health = ComponentHealth.unhealthy(e.toString());
            }
            result.put(part.healthName(), health);
        }
        return result;
    }

    @Override
    public RateLimits rateLimits() {
        return rateLimiter;
    }

    @Override
    public EventBusStats stats() {
        return stats;
    }

    @Override
    public void drain() {
        pulls.drain();
    }

    @Override
    public synchronized void shutdown(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        pulls.drain();
        dispatcher.close();
        try {
            worker.finish(left(deadline));
            pulls.handBack();
            // Every permit back means every event handed to the broker has its answer.
            if (unconfirmed.tryAcquire(MAX_UNCONFIRMED, left(deadline).toMillis(), TimeUnit.MILLISECONDS)) {
                unconfirmed.release(MAX_UNCONFIRMED);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("Graceful shutdown failed; closing anyway (leases expire, the outbox relay republishes)", e);
        }
        close();
    }

    private static Duration left(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    @Override
    public synchronized void close() {
        scheduledRelease.close();
        dispatcher.close();
        worker.close();
        webhooks.close();
        housekeeping.shutdownNow();
        relay.flushConfirmations();
        deliveryPool.shutdownNow();
        closeQuietly("broker", settings.broker());
        closeQuietly("delivery store", settings.deliveryStore());
        closeQuietly("subscription store", settings.subscriptionStore());
        closeQuietly("event store", settings.store());
        closeQuietly("rate-limit buckets", settings.rateLimitBuckets());
    }

    /** Drops events older than the TTL; stores with time partitions drop whole partitions. */
    private void applyRetention() {
        long purged = settings.store().purgeBefore(settings.clock().instant().minus(settings.eventTtl()));
        if (purged != 0) {
            LOG.info("Retention removed {} event(s) older than {}", purged < 0 ? "some" : purged, settings.eventTtl());
        }
    }

    /**
     * A delivery store in memory would grow by every webhook delivery for the whole TTL. A
     * finished delivery only needs to be remembered while the same event may still be dispatched
     * again and must not be delivered twice: the outbox relay republishes events it has not seen
     * confirmed within the outbox delay, so a few of those delays are plenty.
     */
    private void forgetFinishedDeliveries() {
        Duration keep = Collections.max(List.of(settings.outboxDelay().multipliedBy(4), MIN_FINISHED_KEPT));
        settings.deliveryStore().purgeFinishedBefore(settings.clock().instant().minus(keep));
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed", what, e);
        }
    }

    private static Runnable guarded(String task, Runnable body) {
        return () -> {
            try {
                body.run();
            } catch (UnavailableException e) {
                LOG.warn("{} skipped: {}", task, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{} failed", task, e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

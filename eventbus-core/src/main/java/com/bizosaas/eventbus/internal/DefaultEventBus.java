package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.DispatchWatcher;
import com.bizosaas.eventbus.EventBusStats;
import com.bizosaas.eventbus.EventHandler;
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
import com.bizosaas.eventbus.following.FollowHandler;
import com.bizosaas.eventbus.following.FollowOptions;
import com.bizosaas.eventbus.following.Follower;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventIds;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.Page;
import com.bizosaas.eventbus.model.PublishReceipt;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.spi.HealthIndicator;
import com.bizosaas.eventbus.spi.SnapshotStore;
import com.bizosaas.eventbus.tenancy.RateLimits;
import com.bizosaas.eventbus.tenancy.TenantEncryption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link EventBus}: assembles the publish pipeline, the dispatch side and the
 * housekeeping once, from the adapters' declared capabilities, and routes each API call to the
 * part that does it.
 */
public final class DefaultEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultEventBus.class);
    /** Decoded events kept for the worker and the pullers; at 1 KiB an event, about 8 MiB. */
    private static final int RECENT_EVENTS = 8_192;

    private final EngineSettings settings;
    private final EngineCounters stats = new EngineCounters();
    private final SubscriptionCache subscriptions;
    private final InProcessHandlers handlers = new InProcessHandlers();
    private final OutcomeRegistry outcomes = new OutcomeRegistry();
    private final HeldKeys heldKeys = new HeldKeys();
    private final OutboxRelay relay;
    private final ScheduledRelease scheduledRelease;
    private final DeliverySettler settler;
    private final CircuitBreakers circuits;
    private final WebhookSender webhooks;
    private final DeliveryWorker worker;
    private final PullCoordinator pulls;
    private final DirectDeliveries direct;
    private final Dispatcher dispatcher;
    private final DispatchWatchers watchers = new DispatchWatchers();
    private final ReplayRunner replays;
    private final ExecutorService deliveryPool;
    private final Housekeeping housekeeping;
    private final BrokerHandoff handoff;
    private final EventAppender appender;
    private final TenantRateLimiter rateLimiter;
    private final PublishPipeline pipeline;
    private final Followers followers;
    private volatile boolean started;

    public DefaultEventBus(EngineSettings settings) {
        this.settings = settings;
        this.subscriptions = new SubscriptionCache(settings.subscriptionStore());
        this.rateLimiter = new TenantRateLimiter(settings.defaultRateLimit(), settings.rateLimitBuckets(),
                settings.tenantSettings());
        // The adapters' declared capabilities are read here, once; the parts get the strategies.
        boolean deliveriesOutliveProcess = settings.deliveryStore().isDurable();
        this.relay = new OutboxRelay(settings, ConfirmationPolicy.of(settings.broker()));
        this.handoff = new BrokerHandoff(relay);
        this.followers = new Followers(settings.store(), settings.schemas());
        // Followers are only woken per tenant here; they read the events themselves, in clear.
        this.appender = new EventAppender(settings.store(), handoff, stats, followers::stored);
        this.pipeline = PublishPipeline.assemble(settings.clock(), rateLimiter, settings.schemas().validation(),
                settings.publishStages(), settings.cipher(), appender);
        this.scheduledRelease = new ScheduledRelease(settings, relay);
        this.circuits = new CircuitBreakers(settings, () -> this);
        this.settler = new DeliverySettler(settings, subscriptions, outcomes, heldKeys, stats, circuits);
        int deliveryThreads = Math.max(4, Math.min(32, settings.deliveryConcurrency()));
        this.deliveryPool = Threads.pool("eventbus-deliver", deliveryThreads);
        this.webhooks = new WebhookSender(settings.webhookTimeout(), settings.clock(),
                settings.webhookDenyPrivate(), settings.webhookResolver(), deliveryPool);
        RecentEvents recent = new RecentEvents(RECENT_EVENTS);
        this.worker = new DeliveryWorker(settings, subscriptions, handlers, webhooks, settler, deliveryPool, recent,
                circuits);
        this.pulls = new PullCoordinator(settings, subscriptions, settler, recent);
        this.direct = new DirectDeliveries(settings, subscriptions, handlers, heldKeys, settler, worker, deliveryPool,
                deliveryThreads);
        this.dispatcher = new Dispatcher(settings, subscriptions, worker, pulls, relay,
                DeliveryPath.forInProcess(settings.deliveryStore(), direct), recent, watchers);
        this.housekeeping = new Housekeeping(settings, relay, subscriptions, circuits, !deliveriesOutliveProcess);
        this.replays = new ReplayRunner(settings, subscriptions, deliveryPool, this::wakeAll);
    }

    @Override
    public synchronized EventBus start() {
        if (started) {
            return this;
        }
        subscriptions.refresh();
        circuits.refresh();
        relay.start();
        scheduledRelease.start();
        worker.start();
        dispatcher.start();
        housekeeping.start();
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
        return pipeline.publish(events);
    }

    @Override
    public void cancelScheduled(UUID tenantId, UUID eventId) {
        scheduledRelease.cancel(tenantId, eventId);
    }

    @Override
    public SyncPublishResult publishAndWait(Event event, Duration timeout) {
        Event withId = event.id() == null
                ? event.withAssigned(EventIds.next(), event.time(), event.position(), event.streamVersion()) : event;
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
        // Stream events are published events too: the same rate limit, schema check and later stages.
        return pipeline.appendToStream(tenantId, streamId, expectedVersion, drafts);
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
    public DispatchWatcher.Watch watchDispatches(DispatchWatcher watcher) {
        return watchers.add(watcher);
    }

    @Override
    public TenantEncryption encryption() {
        return settings.cipher();
    }

    @Override
    public SchemaRegistry schemas() {
        return settings.schemas();
    }

    @Override
    public Follower follow(UUID tenantId, long fromPosition, FollowOptions options, FollowHandler handler) {
        return followers.follow(tenantId, fromPosition, options, handler);
    }

    @Override
    public SnapshotStore snapshots() {
        return settings.snapshotStore();
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
            handoff.awaitAnswers(left(deadline));
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
        followers.close();
        scheduledRelease.close();
        dispatcher.close();
        worker.close();
        webhooks.close();
        housekeeping.close();
        deliveryPool.shutdownNow();
        closeQuietly("broker", settings.broker());
        closeQuietly("delivery store", settings.deliveryStore());
        closeQuietly("subscription store", settings.subscriptionStore());
        closeQuietly("schema registry", settings.schemas());
        closeQuietly("snapshot store", settings.snapshotStore());
        closeQuietly("event store", settings.store());
        closeQuietly("rate-limit buckets", settings.rateLimitBuckets());
    }

    private static void closeQuietly(String what, AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.warn("Closing the {} failed", what, e);
        }
    }
}

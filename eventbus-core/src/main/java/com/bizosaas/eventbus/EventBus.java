package com.bizosaas.eventbus;

import com.bizosaas.eventbus.delivery.CircuitPolicy;
import com.bizosaas.eventbus.delivery.RetryPolicy;
import com.bizosaas.eventbus.delivery.WebhookTargets;
import com.bizosaas.eventbus.following.FollowHandler;
import com.bizosaas.eventbus.following.FollowOptions;
import com.bizosaas.eventbus.following.Follower;
import com.bizosaas.eventbus.internal.DefaultEventBus;
import com.bizosaas.eventbus.internal.DecryptingEventStore;
import com.bizosaas.eventbus.internal.EngineSettings;
import com.bizosaas.eventbus.internal.EventDataCipher;
import com.bizosaas.eventbus.memory.InMemoryDeliveryStore;
import com.bizosaas.eventbus.memory.InMemoryEventStore;
import com.bizosaas.eventbus.memory.InMemoryMessageBroker;
import com.bizosaas.eventbus.memory.InMemoryRateLimitBuckets;
import com.bizosaas.eventbus.memory.InMemorySchemaStore;
import com.bizosaas.eventbus.memory.InMemorySnapshotStore;
import com.bizosaas.eventbus.memory.InMemorySubscriptionStore;
import com.bizosaas.eventbus.memory.InMemoryTenantSettingsStore;
import com.bizosaas.eventbus.model.ComponentHealth;
import com.bizosaas.eventbus.publishing.PublishStage;
import com.bizosaas.eventbus.routing.EventRouter;
import com.bizosaas.eventbus.routing.Namespace;
import com.bizosaas.eventbus.spi.ClusterLeases;
import com.bizosaas.eventbus.schema.SchemaRegistry;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.RateLimitBuckets;
import com.bizosaas.eventbus.spi.SchemaStore;
import com.bizosaas.eventbus.spi.SnapshotStore;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.bizosaas.eventbus.spi.TenantSettingsStore;
import com.bizosaas.eventbus.tenancy.MasterKey;
import com.bizosaas.eventbus.tenancy.RateLimit;
import com.bizosaas.eventbus.tenancy.RateLimits;
import com.bizosaas.eventbus.tenancy.TenantEncryption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The event bus engine: publish, store, fan out through the broker, and deliver to subscribers.
 * Build one with {@link #builder()}; every part defaults to its in-memory implementation (the
 * embedded, standalone mode). Thread-safe. {@link #close()} stops workers and closes the parts.
 *
 * <pre>{@code
 * EventBus bus = EventBus.builder().store(postgresStore).broker(kafkaBroker).build().start();
 * }</pre>
 */
public interface EventBus extends EventPublisher, EventHistory, Subscriptions, PullQueue, DeadLetters, Replays,
        AutoCloseable {

    /** Starts the dispatcher, delivery workers and the outbox relay. Returns this bus. */
    EventBus start();

    /** Health of every part, keyed by component name ({@code event_store}, {@code redis}, ...). */
    Map<String, ComponentHealth> health();

    /** Counters of this instance since it started (published, processed, failed); read-only. */
    EventBusStats stats();

    /**
     * Calls {@code watcher} with every event this instance dispatches, after its deliveries are
     * stored (see {@link DispatchWatcher} for what it does and does not see), until the returned
     * watch is closed.
     */
    DispatchWatcher.Watch watchDispatches(DispatchWatcher watcher);

    /** The tenants' rate limits: read them, override one, and take read tokens. */
    RateLimits rateLimits();

    /** The schema registry: versions per event type, validation on publish, upcasting on read. */
    SchemaRegistry schemas();

    /**
     * Starts a catch-up subscription of the tenant's events after {@code fromPosition} (0: from
     * the beginning): stored events first, then new ones as they are stored, each handed to
     * {@code handler} once, in position order. See {@link Follower}.
     */
    Follower follow(UUID tenantId, long fromPosition, FollowOptions options, FollowHandler handler);

    /** {@link #follow(UUID, long, FollowOptions, FollowHandler)} with {@link FollowOptions#DEFAULTS}. */
    default Follower follow(UUID tenantId, long fromPosition, FollowHandler handler) {
        return follow(tenantId, fromPosition, FollowOptions.DEFAULTS, handler);
    }

    /** The latest snapshot of each event-sourced stream (see {@code AggregateRepository}). */
    SnapshotStore snapshots();

    /** Per-tenant encryption of event data: policies, key rotation, re-encryption, crypto-shredding. */
    TenantEncryption encryption();

    /**
     * How many dead letters are stored now, across tenants and subscriptions (the delivery store's
     * count, so shared by every instance on that store): what the metrics' dead-letter gauge shows.
     */
    long deadLetterCount();

    /**
     * Begins a graceful shutdown: long-polls waiting now return with nothing (within half a
     * second), and so does every later pull, so a server can answer its requests in flight
     * before {@link #shutdown}. Idempotent.
     */
    void drain();

    /**
     * Stops within about {@code timeout}: stops consuming the broker, lets delivery attempts in
     * flight finish and hands back those that do not, and the pulled events not yet acknowledged
     * (due again at once, no attempt counted, instead of when their lease expires), waits for the
     * broker to confirm what it was handed and records those confirmations, then closes like
     * {@link #close()}.
     */
    void shutdown(Duration timeout);

    @Override
    void close();

    static Builder builder() {
        return new Builder();
    }

    /** Collects the parts and settings; {@link #build()} validates. Not thread-safe. */
    final class Builder {
        private EventStore store;
        private MessageBroker broker;
        private SubscriptionStore subscriptionStore;
        private DeliveryStore deliveryStore;
        private EventRouter router = EventRouter.ofDefaults();
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private int defaultMaxAttempts = 3;
        private Duration webhookTimeout = Duration.ofSeconds(10);
        private boolean webhookDenyPrivate;
        private WebhookTargets.Resolver webhookResolver = WebhookTargets.Resolver.SYSTEM;
        private Duration pullLease = Duration.ofSeconds(30);
        // Renewed while an attempt runs, so it bounds only how soon a dead instance's work is taken over.
        private Duration deliveryLease = Duration.ofSeconds(9);
        private Duration outboxDelay = Duration.ofSeconds(5);
        private Duration eventTtl = Duration.ofDays(30);
        private int dispatchConcurrency = 4;
        private int deliveryConcurrency = 64;
        private RateLimit rateLimit;
        private RateLimitBuckets rateLimitBuckets;
        private final List<PublishStage> publishStages = new ArrayList<>();
        private ClusterLeases clusterLeases = ClusterLeases.SOLE_INSTANCE;
        private MasterKey masterKey;
        private TenantSettingsStore tenantSettings;
        private SchemaStore schemaStore;
        private SnapshotStore snapshotStore;
        private Clock clock = Clock.systemUTC();
        private CircuitPolicy circuitPolicy = CircuitPolicy.DEFAULTS;

        private Builder() {
        }

        public Builder store(EventStore store) {
            this.store = store;
            return this;
        }

        public Builder broker(MessageBroker broker) {
            this.broker = broker;
            return this;
        }

        public Builder subscriptionStore(SubscriptionStore subscriptionStore) {
            this.subscriptionStore = subscriptionStore;
            return this;
        }

        public Builder deliveryStore(DeliveryStore deliveryStore) {
            this.deliveryStore = deliveryStore;
            return this;
        }

        /** Broker topic the events travel on; default {@code eventbus.events}. */
        public Builder topic(String topic) {
            this.router = new EventRouter(topic);
            return this;
        }

        /** Names the topic and dispatch group; default {@link Namespace#DEFAULT}. */
        public Builder namespace(Namespace namespace) {
            this.router = EventRouter.of(require(namespace, "namespace"));
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = require(retryPolicy, "retryPolicy");
            return this;
        }

        /** Attempts per delivery for subscriptions that do not set their own (seed default 3). */
        public Builder defaultMaxAttempts(int attempts) {
            if (attempts < 1 || attempts > 100) {
                throw new IllegalArgumentException("defaultMaxAttempts must be between 1 and 100; got " + attempts);
            }
            this.defaultMaxAttempts = attempts;
            return this;
        }

        public Builder webhookTimeout(Duration timeout) {
            this.webhookTimeout = positive(timeout, "webhookTimeout");
            return this;
        }

        /**
         * Refuse webhook targets on loopback and private addresses too, at subscription and before
         * every delivery (default false); see {@link WebhookTargets}.
         */
        public Builder webhookDenyPrivate(boolean deny) {
            this.webhookDenyPrivate = deny;
            return this;
        }

        /** How webhook hosts are resolved for those checks; default {@link WebhookTargets.Resolver#SYSTEM}. */
        public Builder webhookResolver(WebhookTargets.Resolver resolver) {
            this.webhookResolver = require(resolver, "webhookResolver");
            return this;
        }

        /** How long a pulled event stays leased before it is delivered again (default 30 s). */
        public Builder pullLease(Duration lease) {
            this.pullLease = positive(lease, "pullLease");
            return this;
        }

        /**
         * How long a claimed push delivery is leased (default 9 s). The claimer renews it every
         * third of that while the attempt runs, so it bounds how soon the deliveries of an
         * instance that died are attempted again, not how long an attempt may take.
         */
        public Builder deliveryLease(Duration lease) {
            this.deliveryLease = positive(lease, "deliveryLease");
            return this;
        }

        /** How long a stored-but-unconfirmed event waits before the outbox relay republishes it. */
        public Builder outboxDelay(Duration delay) {
            this.outboxDelay = positive(delay, "outboxDelay");
            return this;
        }

        /** How long events are kept for history and replay (default 30 days, the seed's EVENTBUS_EVENT_TTL_DAYS). */
        public Builder eventTtl(Duration ttl) {
            this.eventTtl = positive(ttl, "eventTtl");
            return this;
        }

        /** Dispatcher threads consuming the broker (default 4). */
        public Builder dispatchConcurrency(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("dispatchConcurrency must be at least 1; got " + threads);
            }
            this.dispatchConcurrency = threads;
            return this;
        }

        /** Deliveries in flight at once per instance (default 64). */
        public Builder deliveryConcurrency(int inFlight) {
            if (inFlight < 1) {
                throw new IllegalArgumentException("deliveryConcurrency must be at least 1; got " + inFlight);
            }
            this.deliveryConcurrency = inFlight;
            return this;
        }

        /** Every tenant's default rate limit for publishing and reads (default none); see {@link RateLimits}. */
        public Builder rateLimit(RateLimit defaultLimit) {
            this.rateLimit = require(defaultLimit, "rateLimit");
            return this;
        }

        /** Where the tenants' buckets live; default in this process's memory. Redis shares them between instances. */
        public Builder rateLimitBuckets(RateLimitBuckets buckets) {
            this.rateLimitBuckets = require(buckets, "rateLimitBuckets");
            return this;
        }

        /**
         * Adds a step to the publish pipeline, run on every batch after the engine's own stages
         * (rate limit) and before the append, in the order added.
         */
        public Builder publishStage(PublishStage stage) {
            publishStages.add(require(stage, "publishStage"));
            return this;
        }

        /**
         * Who runs the jobs that must run once per deployment (outbox relay, event retention)
         * when several instances share a store; default: this instance alone
         * ({@link ClusterLeases#SOLE_INSTANCE}). PostgreSQL: {@code PostgresDatabase.clusterLeases()}.
         */
        public Builder clusterLeases(ClusterLeases leases) {
            this.clusterLeases = require(leases, "clusterLeases");
            return this;
        }

        /**
         * Enables per-tenant encryption of event data: each tenant's data keys are wrapped by this
         * key. Without it, policies other than off are refused. Default none.
         */
        public Builder masterKey(MasterKey masterKey) {
            this.masterKey = require(masterKey, "masterKey");
            return this;
        }

        /** Where rate-limit overrides, encryption policies and wrapped data keys are kept; default in memory. */
        public Builder tenantSettings(TenantSettingsStore tenantSettings) {
            this.tenantSettings = require(tenantSettings, "tenantSettings");
            return this;
        }

        /** Where registered event schemas are kept; default in this process's memory. */
        public Builder schemaStore(SchemaStore schemaStore) {
            this.schemaStore = require(schemaStore, "schemaStore");
            return this;
        }

        /** Where the streams' snapshots are kept; default in this process's memory. */
        public Builder snapshotStore(SnapshotStore snapshotStore) {
            this.snapshotStore = require(snapshotStore, "snapshotStore");
            return this;
        }

        /** When webhook subscriptions' circuits open, probe and disable; {@link CircuitPolicy#DEFAULTS} by default. */
        public Builder circuitPolicy(CircuitPolicy policy) {
            this.circuitPolicy = require(policy, "circuitPolicy");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = require(clock, "clock");
            return this;
        }

        public EventBus build() {
            if (store == null) {
                store = new InMemoryEventStore();
            }
            if (broker == null) {
                broker = new InMemoryMessageBroker();
            }
            if (subscriptionStore == null) {
                subscriptionStore = new InMemorySubscriptionStore();
            }
            if (deliveryStore == null) {
                deliveryStore = new InMemoryDeliveryStore();
            }
            if (rateLimitBuckets == null) {
                rateLimitBuckets = new InMemoryRateLimitBuckets(clock);
            }
            if (schemaStore == null) {
                schemaStore = new InMemorySchemaStore();
            }
            if (snapshotStore == null) {
                snapshotStore = new InMemorySnapshotStore();
            }
            if (tenantSettings == null) {
                tenantSettings = new InMemoryTenantSettingsStore();
            }
            EventDataCipher cipher = EventDataCipher.create(masterKey, tenantSettings, store, clock);
            return new DefaultEventBus(new EngineSettings(DecryptingEventStore.readingInClear(store, cipher), broker,
                    subscriptionStore, deliveryStore, router,
                    retryPolicy, defaultMaxAttempts, webhookTimeout, webhookDenyPrivate, webhookResolver, pullLease, deliveryLease, outboxDelay, eventTtl,
                    dispatchConcurrency, deliveryConcurrency, rateLimit, rateLimitBuckets, List.copyOf(publishStages), clusterLeases, clock,
                    cipher, tenantSettings, SchemaRegistry.of(schemaStore, clock), snapshotStore,
                    circuitPolicy));
        }

        private static <T> T require(T value, String name) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive; got " + d);
            }
            return d;
        }
    }
}

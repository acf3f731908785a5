package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.DeliveryMode;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.logging.ThrottledLog;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.EventCodec;
import com.bizosaas.eventbus.spi.BrokerSubscription;
import com.bizosaas.eventbus.spi.ConsumerSpec;
import com.bizosaas.eventbus.spi.DeliveryStore;
import com.bizosaas.eventbus.spi.MessageBroker;
import com.bizosaas.eventbus.spi.MessageHandler;
import com.bizosaas.eventbus.spi.ReceivedMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the broker in the shared dispatch group and turns each event into one persisted
 * delivery per matching subscription. The broker message is acknowledged only after the
 * deliveries are stored, so a crash in between redelivers the message; the delivery store's
 * idempotency keeps that from delivering twice. In-process deliveries take the {@link DeliveryPath}
 * chosen when the engine was built. The decoded event is kept in {@link RecentEvents}, so the
 * worker and the pullers do not read it back from the store.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final ThrottledLog THROTTLED = ThrottledLog.of(LOG);

    /**
     * Dispatching a message only stores its deliveries, so one unacknowledged this long belongs to
     * a dead member: taking it over soon is what lets a killed instance's events resume within
     * seconds (a live member slowed by its store may see one dispatched twice; enqueueing is idempotent).
     */
    private static final Duration REDELIVER_AFTER = Duration.ofSeconds(5);

    private final MessageBroker broker;
    private final ConsumerSpec spec;
    private final DeliveryStore deliveries;
    private final SubscriptionCache subscriptions;
    private final DeliveryWorker worker;
    private final PullCoordinator pulls;
    private final OutboxRelay relay;
    private final DeliveryPath inProcessPath;
    private final RecentEvents recent;
    private final DispatchWatchers watchers;
    private final Clock clock;
    private final EventDataCipher cipher;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private BrokerSubscription membership;
    private volatile boolean closed;

    Dispatcher(EngineSettings settings, SubscriptionCache subscriptions, DeliveryWorker worker, PullCoordinator pulls,
               OutboxRelay relay, DeliveryPath inProcessPath, RecentEvents recent,
               DispatchWatchers watchers) {
        this.broker = settings.broker();
        this.spec = new ConsumerSpec(settings.router().topic(), settings.router().dispatchGroup(), "#",
                settings.dispatchConcurrency(), REDELIVER_AFTER, settings.store().deploymentId());
        this.deliveries = settings.deliveryStore();
        this.subscriptions = subscriptions;
        this.worker = worker;
        this.pulls = pulls;
        this.relay = relay;
        this.inProcessPath = inProcessPath;
        this.recent = recent;
        this.watchers = watchers;
        this.clock = settings.clock();
        this.cipher = settings.cipher();
    }

    void start() {
        membership = broker.subscribe(spec, new MessageHandler() {
            @Override
            public void handle(ReceivedMessage message) {
                dispatch(message);
            }

            @Override
            public void messagesLost(String reason) {
                relay.brokerLostMessages(reason);
            }
        });
    }

    private void dispatch(ReceivedMessage message) {
        Event local = message.local();
        if (local != null) {
            dispatch(local);
            return;
        }
        Event event;
        try {
            event = EventCodec.decode(message.payload());
        } catch (RuntimeException e) {
            // Retrying cannot make an undecodable message decodable: drop it loudly instead of looping.
            LOG.error("Dropping undecodable broker message with key {} and headers {}", message.key(),
                    message.headers(), e);
            return;
        }
        dispatch(event);
    }

    void dispatch(Event stored) {
        // Content filters, in-process handlers, the event cache and the live tail read the data in clear.
        Event event = cipher.decrypt(stored);
        deliver(event);
        relay.dispatched(event.id());
        watchers.dispatched(event);
    }

    private void deliver(Event event) {
        List<Subscription> matching = subscriptions.matching(event);
        if (matching.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Delivery> batch = new ArrayList<>(matching.size());
        boolean push = false;
        for (Subscription s : matching) {
            DeliveryPath path = s.mode() == DeliveryMode.IN_PROCESS ? inProcessPath : DeliveryPath.STORED;
            if (path.take(s, event, orderingKey(s, event), batch, now)) {
                push |= s.mode() != DeliveryMode.PULL;
            }
        }
        if (!batch.isEmpty()) {
            // Before the enqueue: a worker or puller may claim the delivery the moment it is stored.
            recent.remember(event);
            enqueuePatiently(batch);
        }
        if (push) {
            worker.wake();
        }
        for (Subscription s : matching) {
            if (s.mode() == DeliveryMode.PULL) {
                pulls.wake(s.id());
            }
        }
    }

    /**
     * Keeps the broker message in hand while the delivery store is unreachable, instead of
     * failing it back: brokers that count redeliveries (RabbitMQ's delivery limit) would otherwise
     * give up on it during a short store outage.
     */
    private void enqueuePatiently(List<Delivery> batch) {
        long backoffMillis = 50;
        while (true) {
            try {
                deliveries.enqueue(batch);
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    throw e;
                }
                THROTTLED.warn("enqueue", "Could not store deliveries for event {}; retrying in {} ms: {}",
                        batch.get(0).eventId(), backoffMillis, e.toString());
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("dispatcher interrupted while the delivery store was unreachable", e);
        }
    }

    /** Only events with a subject are ordered: ordering everything per tenant would serialise each tenant. */
    static String orderingKey(Subscription subscription, Event event) {
        return subscription.ordered() && event.subject() != null ? event.orderingKey() : null;
    }

    @Override
    public void close() {
        closed = true;
        if (membership != null) {
            membership.close();
        }
    }
}

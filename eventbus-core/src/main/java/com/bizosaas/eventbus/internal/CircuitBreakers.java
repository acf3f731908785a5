package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.EventPublisher;
import com.bizosaas.eventbus.delivery.CircuitPolicy;
import com.bizosaas.eventbus.delivery.CircuitState.State;
import com.bizosaas.eventbus.delivery.CircuitState;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.SubscriptionStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One circuit breaker per webhook subscription: after {@link CircuitPolicy#failureThreshold}
 * consecutive failed deliveries it opens (deliveries pause, events keep collecting, and no failure
 * counts toward a dead letter), after the cool-down one probe delivery goes out (half-open), and
 * its success closes it. Owners are told through {@code subscription.circuit_opened} and
 * {@code subscription.circuit_closed} events in the subscription's tenant.
 *
 * <p>Its own state machine rather than Resilience4j's: the state must be shared by every instance
 * delivering for the subscription, survive restarts and be shown on the subscription, so it lives
 * in the {@link SubscriptionStore}; a Resilience4j breaker keeps its window in one process's
 * memory, and what remains of it here (count, open, probe) is a few lines. Instances count into
 * the stored state last-writer-wins, so concurrent failures on two instances may count once: the
 * circuit then opens one failure later. Thread-safe.
 */
final class CircuitBreakers {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreakers.class);
    static final String OPENED = "subscription.circuit_opened";
    static final String CLOSED = "subscription.circuit_closed";

    /** What the settler does with a failed delivery: hold it until {@code until}, or disable the subscription. */
    record Verdict(Instant holdUntil, String disableReason) {
        static final Verdict NONE = new Verdict(null, null);
    }

    private final SubscriptionStore store;
    private final CircuitPolicy policy;
    private final Clock clock;
    private final Supplier<EventPublisher> publisher;
    private volatile Map<UUID, CircuitState> states = Map.of();

    /** @param publisher the bus, asked only once a circuit changes (it is being built when this is) */
    CircuitBreakers(EngineSettings settings, Supplier<EventPublisher> publisher) {
        this.store = settings.subscriptionStore();
        this.policy = settings.circuitPolicy();
        this.clock = settings.clock();
        this.publisher = publisher;
    }

    /** Reads what every instance recorded; under the lock, so a change made meanwhile here is not undone. */
    synchronized void refresh() {
        Map<UUID, CircuitState> fresh = new HashMap<>();
        store.circuits().forEach(c -> fresh.put(c.subscriptionId(), c));
        states = Map.copyOf(fresh);
    }

    Optional<CircuitState> get(UUID subscriptionId) {
        return Optional.ofNullable(states.get(subscriptionId));
    }

    List<CircuitState> all() {
        return List.copyOf(states.values());
    }

    /**
     * Removes from {@code webhookIds} the subscriptions whose circuit holds their deliveries back;
     * returns those of them due for a probe, now half-open.
     */
    synchronized List<UUID> holdBack(List<UUID> webhookIds) {
        Instant now = clock.instant();
        List<UUID> probes = new ArrayList<>();
        webhookIds.removeIf(id -> {
            CircuitState c = states.get(id);
            if (c == null || c.state() == State.CLOSED) {
                return false;
            }
            if (!c.nextProbeAt().isAfter(now)) {
                // A probe that never settles (its instance died) is followed by another after a cool-down.
                save(new CircuitState(id, c.tenantId(), State.HALF_OPEN, c.consecutiveFailures(), c.reason(),
                        c.failingSince(), c.openedAt(), now.plus(policy.coolDown())));
                probes.add(id);
            }
            return true;
        });
        return probes;
    }

    /** Claims one delivery per probing subscription through {@code claimOne}. */
    <T> List<T> claimProbes(List<UUID> probes, Function<UUID, List<T>> claimOne) {
        List<T> claimed = new ArrayList<>();
        for (UUID id : probes) {
            claimed.addAll(claimOne.apply(id));
        }
        return claimed;
    }

    void succeeded(Subscription sub) {
        if (isClean(states.get(sub.id()))) {
            return; // the common case: no lock, no write
        }
        CircuitState c;
        synchronized (this) {
            c = states.get(sub.id());
            if (isClean(c)) {
                return;
            }
            save(CircuitState.closed(sub.id(), sub.tenantId()));
        }
        if (c.state() != State.CLOSED) {
            LOG.info("Circuit of subscription {} ({}) closed: the probe delivery succeeded", sub.id(), sub.webhookUrl());
            announce(sub, CLOSED, data(sub).put("opened_at", String.valueOf(c.openedAt())));
        }
    }

    private static boolean isClean(CircuitState c) {
        return c == null || (c.state() == State.CLOSED && c.consecutiveFailures() == 0);
    }

    /**
     * Counts a failed delivery (not the event's fault) and says what becomes of it. Under the lock:
     * concurrent failures of one subscription must each count, or its events could use up their
     * attempts before the circuit opens.
     */
    Verdict failed(Subscription sub, String error) {
        Instant now = clock.instant();
        boolean opens;
        Instant nextProbe;
        int failures;
        synchronized (this) {
            CircuitState c = states.getOrDefault(sub.id(), CircuitState.closed(sub.id(), sub.tenantId()));
            Instant failingSince = c.failingSince() == null ? now : c.failingSince();
            failures = c.consecutiveFailures() + 1;
            if (now.isAfter(failingSince.plus(policy.disableAfter()))) {
                save(CircuitState.closed(sub.id(), sub.tenantId()));
                return new Verdict(null, "the webhook has failed since " + failingSince + ", longer than "
                        + "EVENTBUS_DISABLE_AFTER (" + policy.disableAfter() + ")");
            }
            opens = c.state() == State.CLOSED && failures >= policy.failureThreshold();
            boolean open = opens || c.state() != State.CLOSED;
            nextProbe = open ? now.plus(policy.coolDown()) : null;
            save(new CircuitState(sub.id(), sub.tenantId(), open ? State.OPEN : State.CLOSED, failures, error,
                    failingSince, opens ? now : c.openedAt(), nextProbe));
        }
        if (opens) {
            LOG.warn("Circuit of subscription {} ({}) opened after {} consecutive failures; next probe at {}: {}",
                    sub.id(), sub.webhookUrl(), failures, nextProbe, error);
            announce(sub, OPENED, data(sub).put("reason", error).put("consecutive_failures", failures)
                    .put("next_probe_at", nextProbe.toString()));
        }
        return nextProbe != null ? new Verdict(nextProbe, null) : Verdict.NONE;
    }

    private void save(CircuitState state) {
        store.saveCircuit(state);
        Map<UUID, CircuitState> copy = new HashMap<>(states);
        copy.put(state.subscriptionId(), state);
        states = Map.copyOf(copy);
    }

    private static ObjectNode data(Subscription sub) {
        return JsonNodeFactory.instance.objectNode()
                .put("subscription_id", sub.id().toString())
                .put("service_name", sub.serviceName())
                .put("webhook_url", sub.webhookUrl());
    }

    /** A lost announcement is only logged: the state itself is stored and shown on the subscription. */
    private void announce(Subscription sub, String type, ObjectNode data) {
        if (sub.tenantId() == null) {
            return; // a platform subscription belongs to no tenant to tell
        }
        try {
            publisher.get().publish(Event.builder().type(type).tenant(sub.tenantId()).source("eventbus")
                    .subject(sub.id().toString()).data(data).build());
        } catch (RuntimeException e) {
            LOG.warn("Could not publish {} for subscription {}: {}", type, sub.id(), e.toString());
        }
    }
}

package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.model.EventDataMappingException;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.EventHandler;
import com.bizosaas.eventbus.client.ReceivedEvent;
import com.bizosaas.eventbus.client.SubscribeOptions;
import com.bizosaas.eventbus.client.Subscription;
import com.bizosaas.eventbus.client.SubscriptionInfo;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one pull subscription with {@code concurrency} worker threads: each long-polls
 * {@code /subscriptions/{id}/pull}, runs the handler on every leased event in turn, acks it on
 * success and nacks it with a growing delay on failure. Closing cancels waiting polls, gives back
 * events not yet started, and lets running handlers finish and be acked. Thread-safe.
 */
final class PullConsumer implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(PullConsumer.class);
    private static final Duration POLL_ERROR_MAX_BACKOFF = Duration.ofSeconds(30);
    /** The server's limit on a nack's reason. */
    private static final int MAX_ERROR_LENGTH = 2000;

    private final SubscriptionInfo info;
    private final EventHandler handler;
    private final SubscribeOptions options;
    private final HttpTransport polling;
    private final Retrier retrier;
    private final Duration pollWait;
    private final Backoff nackBackoff;
    private final Backoff pollErrorBackoff;
    private final ExecutorService workers;
    private final Set<Call> waitingPolls = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** One leased event as the pull endpoint returns it. */
    private record Leased(@JsonProperty("ack_id") String ackId, Event event, int attempt) {
    }

    private record PullBody(@JsonProperty("max_events") int maxEvents, @JsonProperty("wait_ms") long waitMs) {
    }

    private record AckBody(@JsonProperty("ack_ids") List<String> ackIds) {
    }

    /** {@code error} and {@code deadLetter} are left out when null: events given back unstarted did not fail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record NackBody(@JsonProperty("ack_ids") List<String> ackIds, @JsonProperty("delay_ms") long delayMs,
                            String error, @JsonProperty("dead_letter") Boolean deadLetter) {
    }

    PullConsumer(SubscriptionInfo info, EventHandler handler, SubscribeOptions options, HttpTransport polling,
                 Retrier retrier, Duration pollWait, Duration pollErrorInitialBackoff) {
        this.info = info;
        this.handler = handler;
        this.options = options;
        this.polling = polling;
        this.retrier = retrier;
        this.pollWait = pollWait;
        this.nackBackoff = new Backoff(options.nackInitialDelay(), options.nackMaxDelay());
        this.pollErrorBackoff = new Backoff(pollErrorInitialBackoff,
                pollErrorInitialBackoff.compareTo(POLL_ERROR_MAX_BACKOFF) > 0 ? pollErrorInitialBackoff
                        : POLL_ERROR_MAX_BACKOFF);
        AtomicInteger threadNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.concurrency(), task -> {
            Thread thread = new Thread(task, "eventbus-" + info.serviceName() + "-" + info.eventType() + "-"
                    + threadNumber.incrementAndGet());
            // Not a daemon: a service whose only work is consuming keeps running until closed.
            thread.setDaemon(false);
            return thread;
        });
    }

    PullConsumer start() {
        for (int i = 0; i < options.concurrency(); i++) {
            workers.execute(this::work);
        }
        LOG.info("consuming {} for {} (subscription {}) with {} worker(s)", info.eventType(), info.serviceName(),
                info.id(), options.concurrency());
        return this;
    }

    @Override
    public UUID id() {
        return info.id();
    }

    @Override
    public String eventType() {
        return info.eventType();
    }

    @Override
    public boolean isRunning() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (!stopPolling()) {
            return;
        }
        try {
            if (!workers.awaitTermination(options.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("handlers of subscription {} still running after {}; interrupting them", info.id(),
                        options.closeTimeout());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops new polls and handlers; false when already stopped. */
    private boolean stopPolling() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        closing.countDown();
        waitingPolls.forEach(Call::cancel);
        workers.shutdown();
        return true;
    }

    private void work() {
        int pollFailures = 0;
        while (isRunning()) {
            List<Leased> leased;
            try {
                leased = poll();
                pollFailures = 0;
            } catch (EventBusClientException e) {
                if (!isRunning()) {
                    return;
                }
                pollFailures++;
                Duration delay = pollErrorBackoff.delay(pollFailures);
                LOG.warn("pulling subscription {} failed ({}); polling again in {} ms", info.id(), e.getMessage(),
                        delay.toMillis());
                awaitClosing(delay);
                continue;
            }
            for (int i = 0; i < leased.size(); i++) {
                if (!isRunning()) {
                    giveBack(leased.subList(i, leased.size()));
                    return;
                }
                process(leased.get(i));
            }
        }
    }

    private List<Leased> poll() {
        Call call = polling.newCall("POST", "subscriptions/" + info.id() + "/pull",
                new PullBody(options.maxEventsPerPull(), pollWait.toMillis()));
        waitingPolls.add(call);
        try {
            // close() may have run between the loop's check and add(): then nobody cancels this call.
            if (!isRunning()) {
                call.cancel();
            }
            JsonNode answer = polling.execute(call);
            List<Leased> events = new ArrayList<>();
            for (JsonNode item : answer.path("events")) {
                events.add(WireJson.convert(item, Leased.class));
            }
            return events;
        } finally {
            waitingPolls.remove(call);
        }
    }

    private void process(Leased leased) {
        try {
            handler.handle(new ReceivedEvent(leased.event(), leased.attempt()));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Errors too (an AssertionError in a handler): a dead worker would silently lower concurrency.
            String error = e.toString();
            error = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
            if (e instanceof EventDataMappingException) {
                LOG.warn("event {} of {} does not fit the handler's type; handing it back as a dead letter: {}",
                        leased.event().id(), info.eventType(), e.getMessage());
                settle("nack", new NackBody(List.of(leased.ackId()), 0, error, true));
                return;
            }
            Duration delay = nackBackoff.delay(leased.attempt());
            LOG.warn("handler for {} failed on event {} (attempt {}); redelivery in {} ms", info.eventType(),
                    leased.event().id(), leased.attempt(), delay.toMillis(), e);
            settle("nack", new NackBody(List.of(leased.ackId()), delay.toMillis(), error, null));
            return;
        }
        settle("ack", new AckBody(List.of(leased.ackId())));
    }

    private void giveBack(List<Leased> notStarted) {
        List<String> ackIds = notStarted.stream().map(Leased::ackId).toList();
        settle("nack", new NackBody(ackIds, 0, null, null));
    }

    /** A lost ack or nack is not fatal: the lease expires and the server delivers the event again. */
    private void settle(String verb, Object body) {
        try {
            retrier.call("POST subscriptions/" + info.id() + "/" + verb,
                    () -> polling.enqueue(polling.newCall("POST", "subscriptions/" + info.id() + "/" + verb, body,
                            Map.of()))).join();
        } catch (RuntimeException e) {
            LOG.warn("{} on subscription {} failed; the lease will expire and the event come again: {}", verb,
                    info.id(), e.getMessage());
        }
    }

    private void awaitClosing(Duration delay) {
        try {
            closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopPolling();
        }
    }
}

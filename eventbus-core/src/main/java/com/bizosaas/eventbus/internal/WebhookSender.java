package com.bizosaas.eventbus.internal;

import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.delivery.Delivery;
import com.bizosaas.eventbus.delivery.PayloadFormat;
import com.bizosaas.eventbus.delivery.Subscription;
import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.delivery.WebhookTargets;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.CloudEvents;
import com.bizosaas.eventbus.routing.EventCodec;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts events to webhook subscribers with Standard Webhooks signatures over a pooled keep-alive
 * HTTP client. Thread-safe.
 *
 * <p>Each attempt is a blocking {@link HttpClient#send} on a thread of this sender's own pool, not
 * {@link HttpClient#sendAsync}: the JDK client completes every {@code sendAsync} future through
 * {@code CompletableFuture}'s default executor, which on a machine with 2 or fewer cores (common
 * pool parallelism 1) starts a new thread per task, i.e. one thread per delivery. On a 2-core
 * machine the engine delivered about 3x as many webhooks/s without it (docs/BENCHMARKS.md,
 * Issue 7). The pool grows to the number of attempts in flight, which the caller bounds
 * ({@code deliveryConcurrency}), and idle threads end after {@link #IDLE_THREAD_TIMEOUT_SECONDS}.
 */
final class WebhookSender implements AutoCloseable {
    static final String REPLAY_HEADER = "X-EventBus-Replay";
    private static final long IDLE_THREAD_TIMEOUT_SECONDS = 30;

    private final HttpClient client;
    private final ExecutorService attempts;
    private final Duration timeout;
    private final Clock clock;
    private final boolean denyPrivate;
    private final WebhookTargets.Resolver resolver;

    /**
     * {@code executor} runs the HTTP client's own I/O steps; it is never blocked by an attempt.
     * {@code denyPrivate} and {@code resolver}: see {@link WebhookTargets#checkResolved(URI, WebhookTargets.Resolver, boolean)}.
     */
    WebhookSender(Duration timeout, Clock clock, boolean denyPrivate, WebhookTargets.Resolver resolver,
                  ExecutorService executor) {
        this.timeout = timeout;
        this.clock = clock;
        this.denyPrivate = denyPrivate;
        this.resolver = resolver;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                // A redirect is a failed attempt: following it would reach a target never checked.
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.attempts = attemptThreads();
    }

    private static ExecutorService attemptThreads() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_TIMEOUT_SECONDS,
                TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "eventbus-webhook-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    CompletableFuture<AttemptResult> send(Subscription subscription, Event event, Delivery delivery) {
        return CompletableFuture.supplyAsync(() -> attempt(subscription, event, delivery), attempts);
    }

    private AttemptResult attempt(Subscription subscription, Event event, Delivery delivery) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(subscription.webhookUrl());
            WebhookTargets.checkResolved(uri, resolver, denyPrivate);
        } catch (ValidationException refused) {
            // The host's DNS changed since the subscription was made: no later attempt may reach it.
            return AttemptResult.failedForGood("target refused: " + refused.getMessage(), System.nanoTime() - started);
        } catch (Exception e) {
            return AttemptResult.failed(0, "target refused or unresolvable: " + e.getMessage(), null, false,
                    System.nanoTime() - started);
        }
        byte[] body = subscription.format() == PayloadFormat.CLOUDEVENTS
                ? CloudEvents.encode(event) : EventCodec.encode(event);
        String contentType = subscription.format() == PayloadFormat.CLOUDEVENTS
                ? CloudEvents.CONTENT_TYPE : "application/json";
        long timestamp = clock.instant().getEpochSecond();
        String msgId = event.id().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", "bizosaas-eventbus")
                .header("webhook-id", msgId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(subscription.secret(), msgId, timestamp, body))
                .header("X-EventBus-Event-Type", event.eventType())
                .header("X-EventBus-Tenant-Id", event.tenantId().toString())
                .header("X-EventBus-Delivery-Id", delivery.id().toString())
                .header("X-EventBus-Attempt", Integer.toString(delivery.attempts() + 1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (delivery.replayId() != null) {
            request.header(REPLAY_HEADER, delivery.replayId().toString());
        }
        HttpResponse<Void> response;
        try {
            response = sendResendingIfDropped(request.build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(e, started);
        } catch (Exception e) {
            return failed(e, started);
        }
        return toResult(response, System.nanoTime() - started);
    }

    /**
     * Sends the request, and once more at once if the connection broke before any response came.
     * That is what a receiver closing an idle keep-alive connection just as a request goes out on
     * it looks like: JDK 17's client keeps pooled connections for 20 minutes, receivers close
     * theirs after 5-75 s, and the client resends on its own only idempotent methods, not a POST.
     * Without this, such a race costs a failed attempt and a backoff delay (and can dead-letter an
     * event of a quiet subscription). A timeout or a refused connection is not resent: the
     * receiver is slow or down, and the retry schedule is the answer to that.
     */
    private HttpResponse<Void> sendResendingIfDropped(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException | ConnectException slowOrDown) {
            throw slowOrDown;
        } catch (IOException dropped) {
            return client.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }

    /** Interrupts the attempts in flight (each ends as a failed attempt) and ends the pool's threads. */
    @Override
    public void close() {
        attempts.shutdownNow();
        try {
            attempts.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AttemptResult failed(Exception error, long started) {
        return AttemptResult.failed(0, error.getClass().getSimpleName() + ": " + error.getMessage(), null, false,
                System.nanoTime() - started);
    }

    private AttemptResult toResult(HttpResponse<?> response, long nanos) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return AttemptResult.ok(status, nanos);
        }
        Duration retryAfter = status == 429 || status == 503
                ? response.headers().firstValue("Retry-After").map(this::parseRetryAfter).orElse(null)
                : null;
        return AttemptResult.failed(status, "HTTP " + status, retryAfter, status == 410, nanos);
    }

    /** Retry-After is either delta-seconds or an HTTP date. */
    private Duration parseRetryAfter(String value) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unparseable) {
                return null;
            }
        }
    }
}

package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.delivery.WebhookSignature;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.routing.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The raw baseline of {@link WebhookDeliveryDriver}: what a hand-written sender does per event with
 * the JDK {@link HttpClient} configured as the engine's (HTTP/1.1 keep-alive, same timeout):
 * encode the event, sign it (Standard Webhooks HMAC-SHA256), POST it with the same nine headers the
 * engine sends, and wait for the status, at most {@code concurrency} at a time. Like the engine it
 * sends with blocking {@code send} on its own threads (see the engine's {@code WebhookSender} for
 * why not {@code sendAsync}). It stores, claims and settles nothing. Thread-safe; close it after use.
 */
final class RawWebhookPoster implements AutoCloseable {
    private final HttpClient client;
    private final ExecutorService clientExecutor;
    private final ExecutorService senders;
    private final Semaphore inFlight;
    private final URI url;
    private final String secret = WebhookSignature.newSecret();

    RawWebhookPoster(URI url, int concurrency, int clientThreads) {
        this.url = url;
        this.clientExecutor = Executors.newFixedThreadPool(clientThreads);
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER)
                .executor(clientExecutor).build();
        this.senders = Executors.newFixedThreadPool(concurrency);
        this.inFlight = new Semaphore(concurrency);
    }

    /** Starts posting {@code event}; blocks while {@code concurrency} posts are in flight. */
    void post(Event event) {
        inFlight.acquireUninterruptibly();
        senders.execute(() -> {
            try {
                client.send(request(event), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                System.err.println("raw post failed: " + e);
            } finally {
                inFlight.release();
            }
        });
    }

    private HttpRequest request(Event event) {
        byte[] body = EventCodec.encode(event);
        String id = event.id().toString();
        long timestamp = System.currentTimeMillis() / 1000;
        return HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "raw-benchmark")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, id, timestamp, body))
                .header("X-EventBus-Event-Type", event.eventType())
                .header("X-EventBus-Tenant-Id", event.tenantId().toString())
                .header("X-EventBus-Delivery-Id", UUID.randomUUID().toString())
                .header("X-EventBus-Attempt", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    @Override
    public void close() {
        senders.shutdown();
        clientExecutor.shutdown();
    }
}

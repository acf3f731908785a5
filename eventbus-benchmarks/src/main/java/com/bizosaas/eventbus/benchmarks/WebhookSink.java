package com.bizosaas.eventbus.benchmarks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The webhook receiver of {@link WebhookDeliveryDriver}: a Jetty server (core API, no servlets) on
 * 127.0.0.1 that reads each request, answers 204 with keep-alive, and records the time since the
 * request's {@code webhook-id} was announced with {@link #expect}. The handler is non-blocking,
 * so Jetty can run it on the selector thread without a hand-off. It took 7,000-8,000 requests/s
 * from Jetty's client on the 2-core machine, so it is not what caps a 5,000/s figure (the JDK
 * {@code HttpServer} it replaces measured the same within noise). Thread-safe; close it after
 * the run.
 */
final class WebhookSink implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private volatile Latencies latencies;

    WebhookSink() throws Exception {
        server = new Server(new QueuedThreadPool(16, 4));
        connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                arrived(request.getHeaders().get("webhook-id"));
                response.setStatus(204);
                // Reading the whole body before answering keeps the connection reusable.
                Content.Source.consumeAll(request, callback);
                return true;
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/hook";
    }

    /** Notes that the message with this {@code webhook-id} is being sent now. */
    void expect(String webhookId) {
        sentAt.put(webhookId, System.nanoTime());
    }

    /** From now on, records send → arrival latencies into {@code into}; null stops recording. */
    void recordInto(Latencies into) {
        if (into == null) {
            sentAt.clear();
        }
        latencies = into;
    }

    AtomicInteger received() {
        return received;
    }

    private void arrived(String webhookId) {
        Long sent = webhookId == null ? null : sentAt.remove(webhookId);
        Latencies current = latencies;
        if (sent != null && current != null) {
            current.record(System.nanoTime() - sent);
        }
        received.incrementAndGet();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}

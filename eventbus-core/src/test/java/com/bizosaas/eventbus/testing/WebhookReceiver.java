package com.bizosaas.eventbus.testing;

import com.bizosaas.eventbus.model.WireJson;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

/**
 * A real webhook endpoint for tests: a JDK HTTP server on a free loopback port that records every
 * request and answers with the status it is told to (200 unless told otherwise). Thread-safe;
 * close it after the test.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    public record Delivery(Headers headers, byte[] body, int answeredStatus) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        boolean accepted() {
            return answeredStatus >= 200 && answeredStatus < 300;
        }
    }

    private final HttpServer server;
    // Several threads, so the bus's concurrent deliveries are not queued behind one another.
    private final ExecutorService handlers = Executors.newFixedThreadPool(8);
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntUnaryOperator statusForCall = n -> 200;
    private final Map<String, String> answerHeaders = new ConcurrentHashMap<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    /** The status to answer from now on. */
    public void answer(int status) {
        answering(call -> status);
    }

    /** The status to answer for the n-th call (1-based). */
    public WebhookReceiver answering(IntUnaryOperator statusForCall) {
        this.statusForCall = statusForCall;
        return this;
    }

    /** A {@code Retry-After} header to send with every answer. */
    public WebhookReceiver withRetryAfter(String value) {
        return withHeader("Retry-After", value);
    }

    /** A header to send with every answer, e.g. {@code Location} with a 3xx status. */
    public WebhookReceiver withHeader(String name, String value) {
        answerHeaders.put(name, value);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events/webhook";
    }

    /** Every request so far, including the ones answered with an error. */
    public List<Delivery> received() {
        return received;
    }

    /** The requests answered with a 2xx status. */
    public List<Delivery> accepted() {
        return received.stream().filter(Delivery::accepted).toList();
    }

    /** The event ids of every request so far (the bodies are the bus's event JSON). */
    public Set<String> receivedEventIds() {
        Set<String> ids = new HashSet<>();
        for (Delivery delivery : received) {
            try {
                ids.add(WireJson.reader().readTree(delivery.body()).get("id").asText());
            } catch (IOException e) {
                throw new AssertionError("a webhook body is not JSON: " + delivery.text(), e);
            }
        }
        return ids;
    }

    public int calls() {
        return calls.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = statusForCall.applyAsInt(calls.incrementAndGet());
        received.add(new Delivery(exchange.getRequestHeaders(), body, status));
        answerHeaders.forEach(exchange.getResponseHeaders()::add);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}

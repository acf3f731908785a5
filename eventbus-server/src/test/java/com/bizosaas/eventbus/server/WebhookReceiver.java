package com.bizosaas.eventbus.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real webhook endpoint: a JDK HTTP server on a free loopback port that records every request
 * and answers with the status it is told to. Thread-safe; close it after the test.
 */
final class WebhookReceiver implements AutoCloseable {
    /** One request as received. */
    record Delivery(com.sun.net.httpserver.Headers headers, byte[] body) {
        String header(String name) {
            return headers.getFirst(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Delivery> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The status to answer from now on. */
    void answer(int status) {
        this.status = status;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events/webhook";
    }

    /** Every request so far, including the ones answered with an error. */
    List<Delivery> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        received.add(new Delivery(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

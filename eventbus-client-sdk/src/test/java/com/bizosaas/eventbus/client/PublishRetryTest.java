package com.bizosaas.eventbus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * Unit test of the client's retry path only: a scripted loopback endpoint fails the first tries
 * with 503, which the real server cannot be made to do on demand. Everything else about publishing
 * is tested against the real server in the ITs.
 */
class PublishRetryTest {
    private final List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private HttpServer endpoint;
    private EventBusClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (endpoint != null) {
            endpoint.stop(0);
        }
    }

    @Test
    void retriesAfterServerErrorsSendTheSameEventIdAndIdempotencyKey() throws IOException {
        start(2, 5);

        Receipt receipt = client.publish(PublishRequest.builder("lead.created", UUID.randomUUID()).build());

        assertThat(seen).hasSize(3);
        assertThat(seen).extracting(s -> s.get("event_id")).containsOnly(receipt.eventId().toString());
        assertThat(seen).extracting(s -> s.get("key")).containsOnly(receipt.eventId().toString());
    }

    @Test
    void anIdempotencyKeyOfTheCallerIsSentOnEveryTry() throws IOException {
        start(1, 5);

        client.publishAsync(PublishRequest.builder("lead.created", UUID.randomUUID())
                .idempotencyKey("order-77").build()).join();

        assertThat(seen).hasSize(2).extracting(s -> s.get("key")).containsOnly("order-77");
    }

    @Test
    void givesUpAfterTheConfiguredAttemptsWithTheServersError() throws IOException {
        start(10, 3);

        assertThatThrownBy(() -> client.publish(PublishRequest.builder("lead.created", UUID.randomUUID()).build()))
                .isInstanceOf(ServerUnavailableException.class)
                .hasFieldOrPropertyWithValue("code", "broker_unavailable")
                .hasFieldOrPropertyWithValue("status", 503);
        assertThat(seen).hasSize(3);
    }

    @RepeatedTest(50)
    void closingTheClientFailsAPublishWaitingForItsRetryInsteadOfLeavingItHanging() {
        // The refused first try fails while close() runs, before or after it: each repetition
        // races the retry being scheduled against the client shutting its timer down.
        EventBusClient unreachable = EventBusClient.create(EventBusClientConfig.builder("http://127.0.0.1:1", "crm")
                .retryBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build());
        CompletableFuture<Receipt> publish = unreachable.publishAsync(
                PublishRequest.builder("lead.created", UUID.randomUUID()).build());

        unreachable.close();

        assertThatThrownBy(() -> publish.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(EventBusClientException.class,
                        e -> assertThat(e.code()).isEqualTo("client_closed"));
    }

    private void start(int failures, int maxAttempts) throws IOException {
        failuresLeft.set(failures);
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/events/publish", this::answer);
        endpoint.start();
        client = EventBusClient.create(EventBusClientConfig
                .builder("http://127.0.0.1:" + endpoint.getAddress().getPort(), "crm")
                .maxAttempts(maxAttempts)
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .build());
    }

    private void answer(HttpExchange exchange) throws IOException {
        JsonNode body = WireJson.reader().readTree(exchange.getRequestBody());
        String eventId = body.get("event_id").asText();
        seen.add(Map.of("event_id", eventId, "key", exchange.getRequestHeaders().getFirst("Idempotency-Key")));
        boolean fail = failuresLeft.getAndDecrement() > 0;
        String answer = fail
                ? "{\"error\":\"broker_unavailable\",\"message\":\"try later\"}"
                : "{\"success\":true,\"event_id\":\"" + eventId + "\",\"position\":1,\"duplicate\":false,"
                        + "\"timestamp\":\"2025-01-10T12:00:00Z\"}";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(fail ? 503 : 200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}

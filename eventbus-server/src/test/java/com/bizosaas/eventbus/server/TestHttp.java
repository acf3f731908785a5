package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain JDK HTTP client bound to one server's base URL, for tests. Thread-safe. */
final class TestHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String JSON = "application/json";

    private final String baseUrl;

    TestHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** An answer: status, headers and body, with the body parsed as JSON on demand. */
    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return WireJson.reader().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("the body is not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Reply get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    Reply delete(String path, String... headers) {
        return send(request(path, headers).DELETE());
    }

    Reply post(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json, String... headers) {
        return send(request(path, headers).header("Content-Type", JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with no body and no Content-Type, like {@code curl -X POST}. */
    Reply postEmpty(String path, String... headers) {
        return send(request(path, headers).POST(HttpRequest.BodyPublishers.noBody()));
    }

    Reply postRaw(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A POST whose body is streamed without a Content-Length (chunked). */
    Reply postChunked(String path, byte[] body) {
        return send(request(path).header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return builder;
    }
}

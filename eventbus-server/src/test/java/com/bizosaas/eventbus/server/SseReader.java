package com.bizosaas.eventbus.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Server-Sent Events client for tests: opens the stream (returning once the server has
 * answered with its headers) and collects each message a reader thread parses from the body
 * lines. Thread-safe; {@link #close()} disconnects.
 */
final class SseReader implements AutoCloseable {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** One SSE message; {@code id} and {@code event} are null when the server left them out. */
    record Message(String id, String event, String data) {
        long position() {
            return Long.parseLong(id);
        }
    }

    private final HttpResponse<InputStream> response;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private final Thread reader = new Thread(this::read, "sse-reader");

    private SseReader(HttpResponse<InputStream> response, boolean paused) {
        this.response = response;
        reader.setDaemon(true);
        if (!paused) {
            reader.start();
        }
    }

    /**
     * Connects to {@code url} with the given header name/value pairs; the stream must answer 200.
     * No Accept header unless given, like curl.
     */
    static SseReader open(String url, String... headers) {
        return connect(url, false, headers);
    }

    /** Like {@link #open}, but reads nothing until {@link #resume()}: a client too slow for the server. */
    static SseReader openPaused(String url) {
        return connect(url, true);
    }

    void resume() {
        reader.start();
    }

    private static SseReader connect(String url, boolean paused, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<InputStream> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("the stream answered " + response.statusCode() + ": " + body);
            }
            return new SseReader(response, paused);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    HttpResponse<InputStream> response() {
        return response;
    }

    /** The messages so far, in arrival order. */
    List<Message> messages() {
        return List.copyOf(messages);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            List<String> data = new ArrayList<>();
            // Comment lines (keep-alives) start with ':' and fall through every branch.
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(new Message(id, event, String.join("\n", data)));
                    }
                    id = null;
                    event = null;
                    data = new ArrayList<>();
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data.add(value(line));
                }
            }
        } catch (IOException e) {
            // closed by close(), or the server went away: either way the stream is over
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

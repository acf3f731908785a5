package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * JSON over HTTP to the bus: builds requests (API key, content type), runs them blocking or
 * asynchronously, and turns error answers and I/O failures into client exceptions. One attempt
 * per call; retrying is {@link Retrier}'s job. Thread-safe.
 */
final class HttpTransport {
    private static final MediaType JSON = MediaType.get("application/json");

    private final OkHttpClient http;
    private final HttpUrl baseUrl;
    private final String apiKey;

    HttpTransport(OkHttpClient http, String baseUrl, String apiKey) {
        this.http = http;
        this.baseUrl = HttpUrl.get(baseUrl);
        this.apiKey = apiKey;
    }

    /** A transport sharing connections and threads with this one, waiting longer for answers. */
    HttpTransport withReadTimeout(Duration readTimeout) {
        return new HttpTransport(http.newBuilder().readTimeout(readTimeout).build(), baseUrl.toString(), apiKey);
    }

    /** A call of {@code method} on {@code path} (relative to the base URL) with a JSON body or none. */
    Call newCall(String method, String path, Object body, Map<String, String> headers) {
        Request.Builder request = new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments(path).build())
                .header("Accept", "application/json");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? null : RequestBody.create(toJson(body), JSON));
        return http.newCall(request.build());
    }

    Call newCall(String method, String path, Object body) {
        return newCall(method, path, body, Map.of());
    }

    /** A GET of {@code path} with query parameters (null values left out). */
    Call newGet(String path, Map<String, String> query) {
        HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(path);
        query.forEach((name, value) -> {
            if (value != null) {
                url.addQueryParameter(name, value);
            }
        });
        Request.Builder request = new Request.Builder().url(url.build()).header("Accept", "application/json");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return http.newCall(request.build());
    }

    /**
     * Runs {@code call} and hands back the open response of a 2xx answer, for a body read as it
     * arrives (a stream); an error answer is thrown like any other call's.
     */
    Response open(Call call) {
        Response response;
        try {
            response = call.execute();
        } catch (IOException e) {
            throw ErrorResponses.fromFailure(describe(call), e);
        }
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            read(call, response);
            throw new IllegalStateException("unreachable: an error answer is thrown by read");
        } catch (IOException e) {
            throw ErrorResponses.fromFailure(describe(call), e);
        }
    }

    /** Runs {@code call} on this thread; an empty answer is a {@link MissingNode}. */
    JsonNode execute(Call call) {
        try (Response response = call.execute()) {
            return read(call, response);
        } catch (IOException e) {
            throw ErrorResponses.fromFailure(describe(call), e);
        }
    }

    /** Runs {@code call} on OkHttp's dispatcher threads, which also complete the future. */
    CompletableFuture<JsonNode> enqueue(Call call) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                result.completeExceptionally(ErrorResponses.fromFailure(describe(failed), e));
            }

            @Override
            public void onResponse(Call answered, Response response) {
                try (response) {
                    result.complete(read(answered, response));
                } catch (IOException e) {
                    result.completeExceptionally(ErrorResponses.fromFailure(describe(answered), e));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    private static JsonNode read(Call call, Response response) throws IOException {
        String body = response.body().string();
        if (!response.isSuccessful()) {
            throw ErrorResponses.fromResponse(describe(call), response.code(), body, response.header("Retry-After"));
        }
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return WireJson.reader().readTree(body);
        } catch (JsonProcessingException e) {
            throw new EventBusClientException("invalid_response",
                    describe(call) + ": the server's answer is not JSON: " + e.getOriginalMessage(),
                    response.code(), false, e);
        }
    }

    private static byte[] toJson(Object body) {
        try {
            return WireJson.writer().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the request as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String describe(Call call) {
        return call.request().method() + " " + call.request().url().encodedPath();
    }
}

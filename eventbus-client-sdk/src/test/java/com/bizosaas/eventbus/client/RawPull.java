package com.bizosaas.eventbus.client;

import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Asks the server directly, past the SDK, what a pull subscription would hand out now (a way for
 * tests to see that acknowledged events do not come back) and what its dead letters say.
 */
final class RawPull {
    private RawPull() {
    }

    /** Events leased by one pull that waits {@code wait}; longer than the lease, so unacked events show. */
    static int eventsWaiting(String baseUrl, UUID subscriptionId, Duration wait) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/subscriptions/" + subscriptionId + "/pull"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"max_events\": 100, \"wait_ms\": " + wait.toMillis() + "}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("pull answered " + response.statusCode() + ": " + response.body());
        }
        return WireJson.reader().readTree(response.body()).path("events").size();
    }

    /** The attempt errors of a subscription's dead letters, as the server lists and shows them. */
    static List<String> deadLetterErrors(String baseUrl, UUID tenantId, UUID subscriptionId)
            throws IOException, InterruptedException {
        List<String> errors = new ArrayList<>();
        for (JsonNode letter : get(baseUrl + "/dead-letters?tenant_id=" + tenantId
                + "&subscription_id=" + subscriptionId).path("dead_letters")) {
            for (JsonNode attempt : letter.path("attempt_log")) {
                errors.add(attempt.path("error").asText());
            }
        }
        return errors;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return WireJson.reader().readTree(response.body());
    }
}

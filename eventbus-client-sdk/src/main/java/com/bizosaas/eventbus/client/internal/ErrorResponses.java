package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.ConflictException;
import com.bizosaas.eventbus.client.EventBusClientException;
import com.bizosaas.eventbus.client.InvalidRequestException;
import com.bizosaas.eventbus.client.NotFoundException;
import com.bizosaas.eventbus.client.RateLimitedException;
import com.bizosaas.eventbus.client.ServerUnavailableException;
import com.bizosaas.eventbus.client.UnauthorizedException;
import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the server's error answers ({@code {"error": code, "message": ..., "field": ...}} with a
 * 4xx or 5xx) and failed calls into the client's exception types. Stateless.
 */
final class ErrorResponses {
    private static final int MAX_QUOTED_BODY = 200;

    private ErrorResponses() {
    }

    static EventBusClientException fromResponse(String call, int status, String body, String retryAfter) {
        JsonNode json = parseOrNull(body);
        String code = text(json, "error", "http_" + status);
        String message = call + ": " + text(json, "message", status + " " + abbreviate(body));
        String field = text(json, "field", null);
        if (status == 400 || status == 413 || status == 415 || status == 422) {
            return new InvalidRequestException(code, message, status, field);
        }
        if (status == 401 || status == 403) {
            return new UnauthorizedException(code, message, status);
        }
        if (status == 404) {
            return new NotFoundException(code, message);
        }
        if (status == 409) {
            JsonNode current = json == null ? null : json.get("current_version");
            List<String> breaking = new ArrayList<>();
            if (json != null) {
                json.path("breaking_changes").forEach(change -> breaking.add(change.asText()));
            }
            return new ConflictException(code, message,
                    current != null && current.canConvertToLong() ? current.asLong() : null, breaking);
        }
        if (status == 429) {
            return new RateLimitedException(code, message, retryAfterOf(retryAfter));
        }
        if (status >= 500) {
            return new ServerUnavailableException(code, message, status, null);
        }
        return new EventBusClientException(code, message, status);
    }

    static ServerUnavailableException fromFailure(String call, IOException e) {
        return new ServerUnavailableException("unreachable", call + ": " + e, 0, e);
    }

    /** Delay-seconds form only; an HTTP-date (which the bus never sends) counts as "no advice". */
    static Duration retryAfterOf(String header) {
        if (header == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static JsonNode parseOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = WireJson.reader().readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String name, String fallback) {
        JsonNode value = json == null ? null : json.get(name);
        return value == null || value.isNull() ? fallback : value.asText();
    }

    private static String abbreviate(String body) {
        String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_QUOTED_BODY ? flat : flat.substring(0, MAX_QUOTED_BODY) + "...";
    }
}

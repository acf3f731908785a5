package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.abbreviate;

import com.bizosaas.eventbus.model.WireJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed request line, path or header, a URI or headers over the
 * limit, a request that failed before any route ran) in the API's JSON error shape instead of
 * Jetty's HTML page. Stateless.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final String JSON = "application/json";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    /** Errors found while parsing, before a request exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static byte[] body(int status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", ApiErrors.codeOf(status));
        body.put("message", message(status, reason));
        try {
            return WireJson.writer().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings is always JSON", e);
        }
    }

    /** Our sentence for Jetty's bare reasons; a parser's reason cut short; our own handlers' reasons as is. */
    private static String message(int status, String reason) {
        boolean bare = reason == null || reason.equals(HttpStatus.getMessage(status));
        return switch (status) {
            case HttpStatus.URI_TOO_LONG_414 -> "the request URI is longer than this server accepts";
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "the request headers are larger than this server accepts";
            case HttpStatus.BAD_REQUEST_400 -> bare
                    ? "the request is not valid HTTP"
                    : "the request is not valid HTTP: " + abbreviate(reason);
            default -> bare ? HttpStatus.getMessage(status) : reason;
        };
    }
}

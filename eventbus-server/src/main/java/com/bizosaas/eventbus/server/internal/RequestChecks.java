package com.bizosaas.eventbus.server.internal;

import static com.bizosaas.eventbus.ValidationException.quote;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;

/**
 * Checks made before a route reads its body: a declared length beyond EVENTBUS_MAX_EVENT_BYTES is
 * refused at once (413; bodies without a length are cut off while read), and a body that is not
 * JSON is refused (415). Bodiless POSTs, such as pause and resume, pass. Immutable.
 */
final class RequestChecks {
    private final long maxBodyBytes;

    RequestChecks(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    void check(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBodyBytes) {
            throw new HttpResponseException(413, "request body too large");
        }
        boolean hasBody = length > 0 || ctx.header("Transfer-Encoding") != null;
        if (hasBody && !isJson(ctx.contentType())) {
            throw new HttpResponseException(415, "the request body must be JSON (Content-Type: application/json); got "
                    + (ctx.contentType() == null ? "no Content-Type" : quote(ctx.contentType())));
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}

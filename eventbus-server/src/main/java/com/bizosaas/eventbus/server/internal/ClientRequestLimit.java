package com.bizosaas.eventbus.server.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Bounds the requests one client (one remote address) has in flight, counted from the headers'
 * arrival to the response's end, so one client cannot take every connection slot, buffer and
 * thread; beyond {@code maxPerClient} (EVENTBUS_MAX_REQUESTS_PER_CLIENT) a request is refused at
 * once with 429. Probes and metrics are not counted, so they answer whatever clients do.
 * Thread-safe.
 */
final class ClientRequestLimit extends Handler.Wrapper {
    /** Paths that must answer even when every client is at its limit. */
    static final Set<String> PROBES = Set.of("/health", "/health/live", "/health/ready", "/metrics");

    private final int maxPerClient;
    private final ConcurrentHashMap<String, Integer> inFlight = new ConcurrentHashMap<>();

    ClientRequestLimit(int maxPerClient) {
        this.maxPerClient = maxPerClient;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (PROBES.contains(Request.getPathInContext(request))) {
            return super.handle(request, response, callback);
        }
        String client = Request.getRemoteAddr(request);
        if (inFlight.merge(client, 1, Integer::sum) > maxPerClient) {
            release(client);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, HttpStatus.TOO_MANY_REQUESTS_429,
                    "this client already has " + maxPerClient
                            + " requests in flight (EVENTBUS_MAX_REQUESTS_PER_CLIENT); retry when one has finished");
            return true;
        }
        Callback counted = new Callback() {
            @Override
            public void succeeded() {
                release(client);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable failure) {
                release(client);
                callback.failed(failure);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        try {
            if (super.handle(request, response, counted)) {
                return true;
            }
        } catch (Throwable t) {
            release(client);
            throw t;
        }
        release(client);
        return false;
    }

    private void release(String client) {
        inFlight.computeIfPresent(client, (key, count) -> count == 1 ? null : count - 1);
    }
}

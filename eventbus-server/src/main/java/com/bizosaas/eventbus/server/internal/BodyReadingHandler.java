package com.bizosaas.eventbus.server.internal;

import com.bizosaas.eventbus.logging.ThrottledLog;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Receives each request body in full before any route runs, without holding a thread while the
 * bytes arrive: the routes read bodies with blocking I/O, so a client trickling its body would
 * otherwise keep a server thread for as long as it likes, and a few hundred such clients would
 * starve every other request. A body must arrive within {@code readTimeout}
 * (EVENTBUS_REQUEST_READ_TIMEOUT_MS), else 408; a client that disconnects mid-body costs one
 * throttled WARN, never a 5xx. A body beyond {@code maxBufferedBytes} is handed on once that much
 * has arrived, for the route to refuse as too large. Thread-safe.
 */
final class BodyReadingHandler extends Handler.Wrapper {
    private final int maxBufferedBytes;
    private final Duration readTimeout;
    private final ThrottledLog clientFailures;

    BodyReadingHandler(int maxBufferedBytes, Duration readTimeout, ThrottledLog clientFailures) {
        this.maxBufferedBytes = maxBufferedBytes;
        this.readTimeout = readTimeout;
        this.clientFailures = clientFailures;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean hasBody = request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (!hasBody) {
            return super.handle(request, response, callback);
        }
        new BodyReader(request, response, callback).start();
        return true;
    }

    /**
     * One request's body on its way in; exactly one of dispatch, expire or fail wins. Reading and
     * copying never block, so Jetty may call {@link #run()} on its I/O thread when more bytes
     * arrive (no thread hand-off per trickled byte); the route then runs on a pool thread.
     */
    private final class BodyReader implements Invocable.Task {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final AtomicBoolean settled = new AtomicBoolean();
        private Scheduler.Task deadline;

        BodyReader(Request request, Response response, Callback callback) {
            this.request = request;
            this.response = response;
            this.callback = callback;
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::expire, readTimeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            read(false);
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Called by Jetty when more of the body has arrived. */
        @Override
        public void run() {
            read(true);
        }

        /** Reads what has arrived, then asks to be called again when more does. */
        private void read(boolean onIoThread) {
            while (!settled.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    fail(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.write(copy, 0, copy.length);
                boolean last = chunk.isLast();
                chunk.release();
                if (last || body.size() > maxBufferedBytes) {
                    if (onIoThread) {
                        request.getContext().execute(() -> dispatch(last));
                    } else {
                        dispatch(last);
                    }
                    return;
                }
            }
        }

        private void dispatch(boolean complete) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            Request received = new ReceivedBody(request, body.toByteArray(), complete);
            try {
                if (!getHandler().handle(received, response, callback)) {
                    Response.writeError(received, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable t) {
                Response.writeError(received, response, callback, t);
            }
        }

        private void expire() {
            if (settled.compareAndSet(false, true)) {
                clientFailures.warn("body-timeout", "A request body from {} did not arrive within {} ms; answered 408",
                        Request.getRemoteAddr(request), readTimeout.toMillis());
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
                Response.writeError(request, response, callback, HttpStatus.REQUEST_TIMEOUT_408,
                        "the request body did not arrive within EVENTBUS_REQUEST_READ_TIMEOUT_MS ("
                                + readTimeout.toMillis() + " ms)");
            }
        }

        /**
         * A malformed body, or a client that hung up or went quiet past the idle timeout: a 4xx,
         * which a vanished client never reads, and one throttled line instead of a stack trace.
         */
        private void fail(Throwable failure) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            clientFailures.warn("body-failed", "A request body from {} was not received: {}", Request.getRemoteAddr(request),
                    failure.toString());
            int status = failure instanceof HttpException http ? http.getCode()
                    : failure instanceof TimeoutException ? HttpStatus.REQUEST_TIMEOUT_408 : HttpStatus.BAD_REQUEST_400;
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
            Response.writeError(request, response, callback, status, failure.getMessage());
        }
    }

    /** The request as the routes see it: the body already received, then whatever follows it. */
    private static final class ReceivedBody extends Request.Wrapper {
        private final byte[] body;
        private final boolean complete;
        private boolean delivered;

        ReceivedBody(Request request, byte[] body, boolean complete) {
            super(request);
            this.body = body;
            this.complete = complete;
        }

        @Override
        public Content.Chunk read() {
            if (!delivered) {
                delivered = true;
                return Content.Chunk.from(ByteBuffer.wrap(body), complete);
            }
            return complete ? Content.Chunk.EOF : super.read();
        }

        @Override
        public void demand(Runnable demandCallback) {
            if (!delivered || complete) {
                demandCallback.run();
            } else {
                super.demand(demandCallback);
            }
        }
    }
}

package com.bizosaas.eventbus.client.internal;

import com.bizosaas.eventbus.client.EventStream;
import com.bizosaas.eventbus.client.StreamMessage;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Reads Server-Sent Events from an open response: {@code id:} (the position), {@code event:}
 * (the type) and {@code data:} lines up to a blank line make one message; lines starting with
 * {@code :} are comments (keep-alives). Not thread-safe.
 */
final class SseEventStream implements EventStream {
    private final Call call;
    private final Response response;
    private final BufferedSource source;
    private volatile Thread reader;

    SseEventStream(Call call, Response response) {
        this.call = call;
        this.response = response;
        this.source = response.body().source();
    }

    @Override
    public StreamMessage next() throws IOException {
        reader = Thread.currentThread();
        try {
            return read();
        } catch (IOException e) {
            if (call.isCanceled()) {
                // Closed from another thread, which only cancelled: the body is released here, by its reader.
                response.close();
            }
            throw e;
        }
    }

    private StreamMessage read() throws IOException {
        String id = null;
        String type = null;
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (data.length() > 0 && id != null) {
                    return new StreamMessage(Long.parseLong(id), type, data.toString());
                }
                id = null;
                type = null;
                data.setLength(0);
            } else if (line.startsWith("id:")) {
                id = value(line, 3);
            } else if (line.startsWith("event:")) {
                type = value(line, 6);
            } else if (line.startsWith("data:")) {
                data.append(data.length() > 0 ? "\n" : "").append(value(line, 5));
            }
        }
        return null;
    }

    /** A field's value: what follows the colon, without the one optional space. */
    private static String value(String line, int colon) {
        return line.startsWith(" ", colon) ? line.substring(colon + 1) : line.substring(colon);
    }

    /**
     * Cancelling is safe from any thread and ends a waiting {@link #next()}; closing the response
     * is not (OkHttp drains the body on close, racing the reader's own read), so only the reader
     * thread, or a close before any read, does that.
     */
    @Override
    public void close() {
        call.cancel();
        Thread current = reader;
        if (current == null || current == Thread.currentThread()) {
            response.close();
        }
    }
}

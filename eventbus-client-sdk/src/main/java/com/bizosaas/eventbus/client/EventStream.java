package com.bizosaas.eventbus.client;

import java.io.IOException;

/**
 * An open live stream of a tenant's events, read message by message. {@link #next()} blocks until
 * the next event; keep-alive comments are skipped. Not thread-safe: one reader; {@link #close()}
 * from another thread ends a waiting {@code next()} with an {@link IOException}.
 */
public interface EventStream extends AutoCloseable {

    /**
     * The next event, or null when the server ended the stream (it stops, or this reader fell more
     * than {@code EVENTBUS_STREAM_BUFFER} events behind: open it again after the last position
     * read); an I/O error means the connection broke.
     */
    StreamMessage next() throws IOException;

    @Override
    void close();
}

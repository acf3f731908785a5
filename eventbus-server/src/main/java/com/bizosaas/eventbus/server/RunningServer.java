package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.server.internal.HttpApi;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started server: its port, and {@link #close()} to stop HTTP and then the bus. Thread-safe. */
public final class RunningServer implements AutoCloseable {
    private final HttpApi http;
    private final EventBus bus;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningServer(HttpApi http, EventBus bus, int port) {
        this.http = http;
        this.bus = bus;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Every HTTP route as {@code METHOD /path}. */
    List<String> routes() {
        return http.routes();
    }

    /** Stops taking requests first, so none reaches a closing bus. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                http.close();
            } finally {
                bus.close();
            }
        }
    }
}

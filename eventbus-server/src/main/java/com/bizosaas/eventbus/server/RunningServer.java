package com.bizosaas.eventbus.server;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.agents.AgentCoordinator;
import com.bizosaas.eventbus.spi.CoordinationStore;
import com.bizosaas.eventbus.server.internal.HttpApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A started server: its port, and {@link #close()} to stop HTTP and then the bus. Thread-safe. */
public final class RunningServer implements AutoCloseable {
    private final HttpApi http;
    private final AgentCoordinator agents;
    private final EventBus bus;
    private final CoordinationStore coordination;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    RunningServer(HttpApi http, AgentCoordinator agents, EventBus bus, CoordinationStore coordination, int port) {
        this.http = http;
        this.agents = agents;
        this.bus = bus;
        this.coordination = coordination;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** Every HTTP route as {@code METHOD /path}. */
    List<String> routes() {
        return http.routes();
    }

    /**
     * The graceful stop a SIGTERM asks for: readiness turns 503 and waiting long-polls return; the
     * listener closes and requests in flight are answered; then the bus finishes or hands back
     * its deliveries and pulled events and records broker confirmations ({@link EventBus#shutdown})
     * with what is left of {@code timeout} but a fifth, kept for closing the adapters. Idempotent,
     * and a no-op after {@link #close()}.
     */
    public void shutdown(Duration timeout) {
        if (closed.compareAndSet(false, true)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            http.drain();
            bus.drain();
            try {
                http.close();
            } finally {
                agents.close();
                long left = deadline - System.nanoTime() - timeout.toNanos() / 5;
                bus.shutdown(Duration.ofNanos(Math.max(0, left)));
                coordination.close();
            }
        }
    }

    /**
     * Stops taking requests first, so none reaches a closing bus; waiting long-polls return at
     * once rather than hold the stop. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            bus.drain();
            try {
                http.close();
            } finally {
                agents.close();
                bus.close();
                coordination.close();
            }
        }
    }
}

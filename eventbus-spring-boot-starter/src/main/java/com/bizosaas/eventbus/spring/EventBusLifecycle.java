package com.bizosaas.eventbus.spring;

import com.bizosaas.eventbus.EventBus;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the auto-configured bus once the context is refreshed (every {@link EventBusListener} is
 * registered by then) and closes it when the context closes: in an early lifecycle phase, so it
 * stops after the web server has stopped taking requests but before any bean is destroyed, and
 * handlers in flight still find their beans. Also closes it if the context fails to start.
 * Thread-safe.
 */
final class EventBusLifecycle implements SmartLifecycle, DisposableBean {
    /** Below the web server's phases (which stop first): requests being finished may still publish. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private final EventBus bus;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean running;

    EventBusLifecycle(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void start() {
        bus.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    @Override
    public void destroy() {
        close();
    }

    private void close() {
        if (closed.compareAndSet(false, true)) {
            bus.close();
        }
    }
}

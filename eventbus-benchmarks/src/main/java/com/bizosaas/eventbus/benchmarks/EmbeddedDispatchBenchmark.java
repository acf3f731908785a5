package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.EventBus;
import com.bizosaas.eventbus.model.Event;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.eventbus.Subscribe;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process publish → handler throughput, one subscriber. Each invocation publishes
 * {@link #BATCH} events and waits until the handler has seen all of them, so the figure is
 * end-to-end events per second. The engine's deeper call chains take longer to compile than
 * Guava's, hence the long warm-up.
 *
 * <ul>
 *   <li>{@code guavaEventBus}: Guava's synchronous EventBus, the baseline: dispatch only.</li>
 *   <li>{@code guavaAsyncEventBus}: Guava's AsyncEventBus on a 4-thread pool, the closer match to our asynchronous dispatch.</li>
 *   <li>{@code embeddedEventBus}: our engine with the in-memory store and broker: every event is
 *       validated, stored for history (with a position and an outbox entry), passed through the
 *       broker's consumer group to a dispatcher thread, matched against the subscriptions and
 *       handed to the handler on its subscription's lane (the in-memory delivery store records
 *       only deliveries whose first attempt fails).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class EmbeddedDispatchBenchmark {
    static final int BATCH = 1000;

    private final AtomicLong handled = new AtomicLong();
    private final UUID tenant = UUID.randomUUID();
    private ObjectNode data;

    private EventBus bus;
    private com.google.common.eventbus.EventBus guava;
    private com.google.common.eventbus.EventBus guavaAsync;
    private ExecutorService guavaPool;

    /** Guava dispatches by the event's class; it carries the same payload our events do. */
    public record LeadCreated(UUID tenant, ObjectNode data) {
    }

    public class GuavaHandler {
        @Subscribe
        public void on(LeadCreated event) {
            handled.incrementAndGet();
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        data = JsonNodeFactory.instance.objectNode()
                .put("lead_id", "123e4567-e89b-12d3-a456-426614174000")
                .put("email", "john.doe@example.com")
                .put("company", "Acme Corp");
        bus = EventBus.builder().build().start();
        bus.on("lead.created", "benchmark", event -> handled.incrementAndGet());
        guava = new com.google.common.eventbus.EventBus();
        guava.register(new GuavaHandler());
        guavaPool = Executors.newFixedThreadPool(4);
        guavaAsync = new com.google.common.eventbus.AsyncEventBus(guavaPool);
        guavaAsync.register(new GuavaHandler());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bus.close();
        guavaPool.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void guavaEventBus() {
        long target = handled.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            guava.post(new LeadCreated(tenant, data));
        }
        awaitHandled(target);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void guavaAsyncEventBus() {
        long target = handled.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            guavaAsync.post(new LeadCreated(tenant, data));
        }
        awaitHandled(target);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void embeddedEventBus() {
        long target = handled.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            bus.publish(Event.builder().type("lead.created").tenant(tenant).source("crm-service").data(data).build());
        }
        awaitHandled(target);
    }

    /** Same work, published as batches of 100: the store appends each batch at once. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void embeddedEventBusBatched() {
        long target = handled.get() + BATCH;
        for (int i = 0; i < BATCH; i += 100) {
            List<Event> batch = new ArrayList<>(100);
            for (int j = 0; j < 100; j++) {
                batch.add(Event.builder().type("lead.created").tenant(tenant).source("crm-service").data(data).build());
            }
            bus.publishAll(batch);
        }
        awaitHandled(target);
    }

    private void awaitHandled(long target) {
        while (handled.get() < target) {
            Thread.onSpinWait();
        }
    }
}

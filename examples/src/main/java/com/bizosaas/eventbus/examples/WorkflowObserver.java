package com.bizosaas.eventbus.examples;

import com.bizosaas.eventbus.client.EventBusClient;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.client.HistoryQuery;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Watches one tenant's event history (which every event reaches, whatever its target services)
 * and ticks off the expected steps of each workflow run, matched by correlation id, printing
 * each step when it is first seen. Not thread-safe.
 */
final class WorkflowObserver {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final EventBusClient bus;
    private final HistoryQuery tenantHistory;
    private final PrintStream out;
    private final Map<String, List<WorkflowStep>> pendingByCorrelation = new LinkedHashMap<>();
    private long lastPosition;

    WorkflowObserver(EventBusClient bus, UUID tenant, PrintStream out) {
        this.bus = bus;
        this.tenantHistory = HistoryQuery.builder(tenant).order(HistoryQuery.Order.OLDEST).limit(100).build();
        this.out = out;
    }

    /** Expects every step of {@code steps} among the events correlated by {@code correlationId}. */
    void expect(String correlationId, List<WorkflowStep> steps) {
        pendingByCorrelation.put(correlationId, new ArrayList<>(steps));
    }

    /** Reads the history until every expected step was seen or {@code timeout} passed; returns the steps not seen. */
    List<WorkflowStep> awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allSeen() && System.nanoTime() < deadline) {
            readNewEvents();
            if (!allSeen()) {
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        return pendingByCorrelation.values().stream().flatMap(List::stream).toList();
    }

    private boolean allSeen() {
        return pendingByCorrelation.values().stream().allMatch(List::isEmpty);
    }

    private void readNewEvents() {
        Iterator<Event> events = bus.iterateHistory(tenantHistory.after(lastPosition));
        while (events.hasNext()) {
            Event event = events.next();
            lastPosition = Math.max(lastPosition, event.position());
            List<WorkflowStep> pending = pendingByCorrelation.get(event.correlationId());
            if (pending == null) {
                continue;
            }
            pending.stream().filter(step -> step.isProducedBy(event)).findFirst().ifPresent(step -> {
                pending.remove(step);
                out.printf("  ok  %-72s %s by %s%n", step.label(), event.eventType(), event.sourceService());
            });
        }
    }
}

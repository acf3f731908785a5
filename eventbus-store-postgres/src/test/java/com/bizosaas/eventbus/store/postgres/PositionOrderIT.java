package com.bizosaas.eventbus.store.postgres;

import static com.bizosaas.eventbus.store.postgres.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.model.SortOrder;
import com.bizosaas.eventbus.spi.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Positions are a safe resume cursor: a reader that follows them while two instances append to the
 * same tenant never skips an event, because no position becomes visible after a larger one.
 */
class PositionOrderIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int WRITERS_PER_INSTANCE = 4;
    private static final int APPENDS_PER_WRITER = 25;
    private static final int PAGE = 50;

    @Test
    void a_reader_following_positions_while_two_instances_append_never_skips_an_event() {
        PostgresConfig config = POSTGRES.newSchema();
        UUID tenant = UUID.randomUUID();
        ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_INSTANCE);
        try (PostgresDatabase one = PostgresDatabase.start(config);
             PostgresDatabase two = PostgresDatabase.start(config)) {
            List<CompletableFuture<Void>> appending = new ArrayList<>();
            for (EventStore store : List.of(one.eventStore(), two.eventStore())) {
                for (int w = 0; w < WRITERS_PER_INSTANCE; w++) {
                    appending.add(CompletableFuture.runAsync(() -> {
                        for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                            store.append(List.of(event(tenant, "lead.created")));
                        }
                    }, writers));
                }
            }
            CompletableFuture<Void> allAppended = CompletableFuture.allOf(appending.toArray(CompletableFuture[]::new));

            List<Long> seen = new ArrayList<>();
            long cursor = 0;
            boolean drained = false;
            while (!drained) {
                boolean writersDone = allAppended.isDone();
                List<Event> page = one.eventStore().query(EventQuery.forTenant(tenant).order(SortOrder.OLDEST_FIRST)
                        .after(cursor).limit(PAGE).build()).items();
                page.forEach(e -> seen.add(e.position()));
                cursor = page.isEmpty() ? cursor : page.get(page.size() - 1).position();
                drained = writersDone && page.isEmpty();
                if (page.size() < PAGE) {
                    // Caught up: poll again shortly rather than spin against the writers for the CPU.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
                }
            }

            allAppended.join();
            long total = 2L * WRITERS_PER_INSTANCE * APPENDS_PER_WRITER;
            assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        } finally {
            writers.shutdownNow();
        }
    }
}

package com.bizosaas.eventbus.store.postgres;

import static com.bizosaas.eventbus.store.postgres.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.EventQuery;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Retries racing each other: two store instances append, from many threads at once, re-sends of
 * the same events (same id) and new events under the same idempotency keys. Each id and each key
 * is stored exactly once, every append of it gets that one stored event back, and no append fails.
 */
class ConcurrentDuplicatesIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final int WRITERS_PER_INSTANCE = 4;
    private static final int APPENDS_PER_WRITER = 40;
    private static final int DISTINCT = 15;

    @Test
    void each_id_and_each_idempotency_key_is_stored_once_and_every_retry_gets_the_original() {
        UUID tenant = UUID.randomUUID();
        List<Event> resent = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < DISTINCT; i++) {
            resent.add(event(tenant, "lead.created"));
            keys.add("signup-" + i);
        }
        ConcurrentLinkedQueue<AppendResult> results = new ConcurrentLinkedQueue<>();
        ExecutorService writers = Executors.newFixedThreadPool(2 * WRITERS_PER_INSTANCE);
        try (PostgresDatabase one = PostgresDatabase.start(POSTGRES.newSchema());
             PostgresDatabase two = PostgresDatabase.start(one.config())) {
            List<CompletableFuture<Void>> appending = new ArrayList<>();
            for (EventStore store : List.of(one.eventStore(), two.eventStore())) {
                for (int w = 0; w < WRITERS_PER_INSTANCE; w++) {
                    appending.add(CompletableFuture.runAsync(() -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < APPENDS_PER_WRITER; i++) {
                            Event e = i % 2 == 0
                                    ? resent.get(random.nextInt(DISTINCT))
                                    : event(tenant, "lead.created").toBuilder()
                                            .idempotencyKey(keys.get(random.nextInt(DISTINCT))).build();
                            results.addAll(store.append(List.of(e)));
                        }
                    }, writers));
                }
            }
            CompletableFuture.allOf(appending.toArray(CompletableFuture[]::new)).join();

            List<Event> stored = one.eventStore().query(EventQuery.forTenant(tenant).limit(1000).build()).items();
            Map<UUID, Event> storedById = stored.stream().collect(Collectors.toMap(Event::id, Function.identity()));
            assertThat(stored).hasSize(2 * DISTINCT);
            assertThat(stored.stream().map(Event::position).collect(Collectors.toSet())).hasSize(2 * DISTINCT);
            assertThat(storedById.keySet()).containsAll(resent.stream().map(Event::id).toList());
            assertThat(stored.stream().map(Event::idempotencyKey).filter(k -> k != null).collect(Collectors.toSet()))
                    .isEqualTo(Set.copyOf(keys));

            assertThat(results).hasSize(2 * WRITERS_PER_INSTANCE * APPENDS_PER_WRITER);
            assertThat(results).allSatisfy(r -> assertThat(storedById.get(r.event().id())).isEqualTo(r.event()));
            assertThat(results.stream().filter(r -> !r.duplicate()).map(r -> r.event().id()))
                    .doesNotHaveDuplicates()
                    .hasSize(2 * DISTINCT);
        } finally {
            writers.shutdownNow();
        }
    }
}

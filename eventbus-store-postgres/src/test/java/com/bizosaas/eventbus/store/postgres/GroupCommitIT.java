package com.bizosaas.eventbus.store.postgres;

import static com.bizosaas.eventbus.store.postgres.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.ValidationException;
import com.bizosaas.eventbus.contract.Await;
import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.spi.AppendResult;
import com.bizosaas.eventbus.spi.EventStore;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent appends share transactions (group commit), and still each get their own position and
 * their own outcome. Batching is made deterministic by holding the tenant's counter lock from a
 * second connection while appends queue up behind it.
 */
class GroupCommitIT {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static PostgresDatabase db;
    private static EventStore store;
    private final ExecutorService callers = Executors.newFixedThreadPool(16);
    private final UUID tenant = UUID.randomUUID();

    @BeforeAll
    static void start() {
        db = PostgresDatabase.start(POSTGRES.newSchema());
        store = db.eventStore();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @AfterEach
    void stopCallers() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void concurrent_appends_of_one_tenant_get_every_position_exactly_once() {
        List<CompletableFuture<List<AppendResult>>> appends = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            appends.add(appendAsync(event(tenant, "lead.created")));
        }

        List<Long> positions = appends.stream()
                .map(CompletableFuture::join)
                .map(results -> results.get(0).event().position())
                .sorted()
                .toList();

        assertThat(positions).containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
    }

    @Test
    void appends_that_queue_while_a_transaction_runs_are_committed_together_in_the_next_one() throws Exception {
        store.append(List.of(event(tenant, "lead.created")));
        CompletableFuture<List<AppendResult>> first;
        List<CompletableFuture<List<AppendResult>>> queued = new ArrayList<>();
        try (Connection locker = lockCounterOf(tenant)) {
            first = appendAsync(event(tenant, "lead.created"));
            awaitBlockedBy(locker);
            for (int i = 0; i < 9; i++) {
                queued.add(appendAsync(event(tenant, "lead.created")));
            }
            Await.until("nine appends wait for the writer", Duration.ofSeconds(30), () -> queueLength() == 9);
            locker.rollback();
        }

        String firstTransaction = insertingTransaction(first.join().get(0).event());
        Set<String> queuedTransactions = queued.stream()
                .map(f -> insertingTransaction(f.join().get(0).event()))
                .collect(Collectors.toSet());
        assertThat(queuedTransactions).hasSize(1).doesNotContain(firstTransaction);
    }

    @Test
    void an_append_postgresql_refuses_fails_alone_and_the_appends_batched_with_it_are_stored() throws Exception {
        store.append(List.of(event(tenant, "lead.created")));
        // Valid JSON, but beyond jsonb's numeric range (Event validation refuses a NUL character, the earlier example).
        Event refused = event(tenant, "lead.created").withData(
                JsonNodeFactory.instance.objectNode().put("amount", new BigDecimal("1E+200000")));
        CompletableFuture<List<AppendResult>> bad;
        List<CompletableFuture<List<AppendResult>>> good = new ArrayList<>();
        try (Connection locker = lockCounterOf(tenant)) {
            good.add(appendAsync(event(tenant, "lead.created")));
            awaitBlockedBy(locker);
            bad = appendAsync(refused);
            good.add(appendAsync(event(tenant, "lead.created")));
            good.add(appendAsync(event(tenant, "lead.created")));
            Await.until("three appends wait for the writer", Duration.ofSeconds(30), () -> queueLength() == 3);
            locker.rollback();
        }

        assertThatThrownBy(bad::join).hasCauseInstanceOf(ValidationException.class);
        for (CompletableFuture<List<AppendResult>> append : good) {
            Event stored = append.join().get(0).event();
            assertThat(store.find(tenant, stored.id())).contains(stored);
        }
        assertThat(store.find(tenant, refused.id())).isEmpty();
    }

    @Test
    void a_stream_append_at_a_stale_version_fails_alone_in_a_shared_transaction() throws Exception {
        store.appendToStream(tenant, "order-1", 0, List.of(event(tenant, "order.placed")));
        CompletableFuture<List<Event>> stale;
        CompletableFuture<List<Event>> current;
        CompletableFuture<List<AppendResult>> plain;
        try (Connection locker = lockCounterOf(tenant)) {
            plain = appendAsync(event(tenant, "lead.created"));
            awaitBlockedBy(locker);
            stale = CompletableFuture.supplyAsync(() -> store.appendToStream(tenant, "order-1", 0,
                    List.of(event(tenant, "order.placed"))), callers);
            Await.until("the stale stream append waits for the writer", Duration.ofSeconds(30), () -> queueLength() == 1);
            current = CompletableFuture.supplyAsync(() -> store.appendToStream(tenant, "order-1", 1,
                    List.of(event(tenant, "order.paid"))), callers);
            Await.until("both stream appends wait for the writer", Duration.ofSeconds(30), () -> queueLength() == 2);
            locker.rollback();
        }

        assertThatThrownBy(stale::join).hasCauseInstanceOf(ConflictException.class);
        assertThat(current.join()).extracting(Event::streamVersion).containsExactly(2L);
        assertThat(store.find(tenant, plain.join().get(0).event().id())).isPresent();
        assertThat(insertingTransaction(current.join().get(0))).isNotEqualTo(
                insertingTransaction(plain.join().get(0).event()));
    }

    @Test
    void duplicates_of_stored_events_in_a_shared_transaction_get_the_stored_originals() throws Exception {
        Event stored = store.append(List.of(keyed(event(tenant, "lead.created"), "signup-1"))).get(0).event();
        Event sameKey = keyed(event(tenant, "lead.created"), "signup-1");
        Event sameKeyAgain = keyed(event(tenant, "lead.created"), "signup-1");
        Event sameId = event(tenant, "lead.updated").toBuilder().id(stored.id()).build();
        CompletableFuture<List<AppendResult>> first;
        List<CompletableFuture<List<AppendResult>>> duplicates = new ArrayList<>();
        CompletableFuture<List<AppendResult>> fresh;
        try (Connection locker = lockCounterOf(tenant)) {
            first = appendAsync(event(tenant, "lead.created"));
            awaitBlockedBy(locker);
            duplicates.add(appendAsync(sameKey));
            Await.until("the first duplicate waits for the writer", Duration.ofSeconds(30), () -> queueLength() == 1);
            // Queued after sameKey, so the batch stages it as a repeat of sameKey, which the insert skips.
            duplicates.add(appendAsync(sameKeyAgain));
            duplicates.add(appendAsync(sameId));
            fresh = appendAsync(event(tenant, "lead.created"));
            Await.until("four appends wait for the writer", Duration.ofSeconds(30), () -> queueLength() == 4);
            locker.rollback();
        }

        for (CompletableFuture<List<AppendResult>> duplicate : duplicates) {
            assertThat(duplicate.join()).containsExactly(new AppendResult(stored, true));
        }
        AppendResult added = fresh.join().get(0);
        assertThat(added.duplicate()).isFalse();
        assertThat(store.find(tenant, added.event().id())).contains(added.event());
        assertThat(store.find(tenant, sameKey.id())).isEmpty();
        assertThat(store.find(tenant, sameKeyAgain.id())).isEmpty();
        assertThat(store.find(tenant, stored.id())).contains(stored);
        assertThat(first.join().get(0).event().position()).isLessThan(added.event().position());
    }

    private static Event keyed(Event event, String idempotencyKey) {
        return event.toBuilder().idempotencyKey(idempotencyKey).build();
    }

    private CompletableFuture<List<AppendResult>> appendAsync(Event event) {
        return CompletableFuture.supplyAsync(() -> store.append(List.of(event)), callers);
    }

    private static int queueLength() {
        return ((Number) store.health().details().get("append_queue")).intValue();
    }

    /** Holds the tenant's position counter row locked until the connection rolls back. */
    private static Connection lockCounterOf(UUID tenant) throws SQLException {
        Connection c = POSTGRES.ownerConnection();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT last_position FROM "
                + db.config().schema() + ".tenant_positions WHERE tenant_id = '" + tenant + "' FOR UPDATE")) {
            assertThat(rs.next()).isTrue();
        }
        return c;
    }

    private static void awaitBlockedBy(Connection locker) throws Exception {
        int pid;
        try (Statement s = locker.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        Await.until("the writer waits for the locked counter", Duration.ofSeconds(30), () -> {
            try (Connection c = POSTGRES.ownerConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE " + pid
                         + " = ANY(pg_blocking_pids(pid))")) {
                rs.next();
                return rs.getInt(1) > 0;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The id of the transaction that inserted the event's row, as PostgreSQL recorded it. */
    private static String insertingTransaction(Event event) {
        try (Connection c = POSTGRES.ownerConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT xmin::text FROM " + db.config().schema()
                     + ".events WHERE event_id = '" + event.id() + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

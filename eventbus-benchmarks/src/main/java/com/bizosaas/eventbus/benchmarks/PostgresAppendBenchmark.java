package com.bizosaas.eventbus.benchmarks;

import com.bizosaas.eventbus.model.Event;
import com.bizosaas.eventbus.model.WireJson;
import com.bizosaas.eventbus.spi.EventStore;
import com.bizosaas.eventbus.store.postgres.PostgresConfig;
import com.bizosaas.eventbus.store.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable publish throughput (events/s) through {@code PostgresEventStore.append}, one event per
 * call, with 1, 16 and 64 concurrent publishers (the store's group commit merges them), against a
 * raw JDBC batch INSERT of the same rows into the same {@code events} table, {@link #RAW_BATCH}
 * rows per transaction (as many as 64 publishers can hand one group commit), on one connection. The 16-publisher case also reports per-call latency
 * percentiles (JMH sample mode). Uses schema {@code bench} in database {@code test}, emptied at the
 * start of each trial.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
// 15 s of warm-up: with 2 s iterations the JIT compilers were still busy on one of the 2 cores during
// measurement, which doubled the 16-publisher p50 and p99 (docs/BENCHMARKS.md, Issue 3).
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class PostgresAppendBenchmark {
    static final int RAW_BATCH = 64;
    private static final String INSERT = """
            INSERT INTO events (tenant_id, position, time, event_id, event_type, version, source_service, priority,
                                subject, correlation_id, causation_id, target_services, data, metadata,
                                idempotency_key, stream_version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), ?, ?)""";

    private PostgresDatabase database;
    private EventStore store;
    private Connection raw;
    private PreparedStatement insert;
    private final UUID tenant = UUID.randomUUID();
    private final UUID rawTenant = UUID.randomUUID();
    private long rawPosition;
    private String walAtStart;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        PostgresConfig config = PostgresConfig.builder().host("127.0.0.1").port(5432).user("postgres").password("")
                .database("test").schema("bench").poolSize(10).build();
        database = PostgresDatabase.start(config);
        store = database.eventStore();
        raw = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        try (Statement s = raw.createStatement()) {
            s.execute("SET search_path TO bench");
            // Every trial starts from empty tables, so a figure does not depend on how many earlier
            // runs filled them (and on when autovacuum happens to visit them).
            s.execute("TRUNCATE events, event_keys, outbox, tenant_positions");
            walAtStart = walPosition(s);
        }
        raw.setAutoCommit(false);
        insert = raw.prepareStatement(INSERT);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        reportWalPerEvent();
        insert.close();
        raw.close();
        store.close();
        database.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(1)
    public Object append1Publisher() {
        return append();
    }

    @Benchmark
    @BenchmarkMode({Mode.Throughput, Mode.SampleTime})
    @Threads(16)
    public Object append16Publishers() {
        return append();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(64)
    public Object append64Publishers() {
        return append();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @Threads(1)
    @OperationsPerInvocation(RAW_BATCH)
    public int[] rawJdbcBatchInsert() throws SQLException {
        for (int i = 0; i < RAW_BATCH; i++) {
            bind(LeadCreated.event(rawTenant), ++rawPosition);
            insert.addBatch();
        }
        int[] counts = insert.executeBatch();
        raw.commit();
        return counts;
    }

    /**
     * Prints the write-ahead log written per stored event during the trial (warm-up included), for
     * whichever side ran. Every commit waits for its WAL to reach the disk, so this is what the
     * store's schema costs per event compared with the raw insert, independent of timing noise.
     */
    private void reportWalPerEvent() throws SQLException {
        try (Statement s = raw.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '" + walAtStart + "'),"
                     + " count(*) FILTER (WHERE tenant_id = '" + tenant + "'),"
                     + " count(*) FILTER (WHERE tenant_id = '" + rawTenant + "') FROM events")) {
            rs.next();
            long events = rs.getLong(2) + rs.getLong(3);
            System.out.printf("%nWAL per stored event: %,d bytes over %,d events (%s)%n",
                    events == 0 ? 0 : rs.getLong(1) / events, events, rs.getLong(2) > 0 ? "store" : "raw insert");
        }
    }

    private static String walPosition(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_current_wal_insert_lsn()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private Object append() {
        return store.append(List.of(LeadCreated.event(tenant)));
    }

    /** The columns the store writes for a plain (non-stream) event. */
    private void bind(Event e, long position) throws SQLException {
        insert.setObject(1, e.tenantId());
        insert.setLong(2, position);
        insert.setObject(3, e.time().atOffset(ZoneOffset.UTC));
        insert.setObject(4, e.id());
        insert.setString(5, e.eventType());
        insert.setInt(6, e.version());
        insert.setString(7, e.sourceService());
        insert.setString(8, e.priority().wireName());
        insert.setString(9, e.subject());
        insert.setString(10, e.correlationId());
        insert.setString(11, e.causationId());
        insert.setString(12, json(e.targetServices()));
        insert.setString(13, json(e.data()));
        insert.setString(14, json(e.metadata()));
        insert.setString(15, e.idempotencyKey());
        insert.setNull(16, Types.BIGINT);
    }

    private static String json(Object value) {
        try {
            return WireJson.writer().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

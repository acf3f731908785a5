package com.bizosaas.eventbus.store.postgres.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day partitions of {@code events} (UTC days, named {@code events_pYYYYMMDD}): created ahead of
 * time, and dropped whole at retention. DDL needs the table owner, so this runs on owner
 * connections, never the application role. Thread-safe; several instances serialise on an
 * advisory lock, so they never race to create or drop the same partition.
 */
public final class Partitions {
    private static final Logger LOG = LoggerFactory.getLogger(Partitions.class);
    private static final String PREFIX = "events_p";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String LOCK =
            "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.events partitions'))";

    private final Jdbi owner;

    public Partitions(Jdbi owner) {
        this.owner = owner;
    }

    /** Makes sure a partition exists for every day from {@code first} to {@code last}, both included. */
    public void ensure(LocalDate first, LocalDate last) {
        inOwnerTransaction("creating partitions from " + first + " to " + last, handle -> {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                create(handle, day);
            }
            return null;
        });
    }

    /** Names of the existing day partitions, oldest first. */
    public List<String> names() {
        return inOwnerTransaction("listing partitions", Partitions::names);
    }

    /**
     * Removes events older than {@code cutoff} and returns how many: first their keys and outbox
     * entries (so no lookup finds an event about to go), then, in a short second transaction, every
     * partition that ends at or before the cutoff, whole, and the older rows left in the partition
     * the cutoff falls into and in the default partition.
     */
    public long purgeBefore(Instant cutoff) {
        long purged = inOwnerTransaction("purging event keys before " + cutoff, handle -> {
            handle.createUpdate("DELETE FROM outbox WHERE time < :cutoff").bind("cutoff", Json.utc(cutoff)).execute();
            return (long) handle.createUpdate("DELETE FROM event_keys WHERE time < :cutoff")
                    .bind("cutoff", Json.utc(cutoff))
                    .execute();
        });
        inOwnerTransaction("dropping partitions before " + cutoff, handle -> {
            for (String partition : names(handle)) {
                Instant end = dayOf(partition).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (!end.isAfter(cutoff)) {
                    handle.execute("DROP TABLE " + partition);
                    LOG.info("Retention dropped partition {}", partition);
                }
            }
            return handle.createUpdate("DELETE FROM events WHERE time < :cutoff").bind("cutoff", Json.utc(cutoff))
                    .execute();
        });
        return purged;
    }

    private static void create(Handle handle, LocalDate day) {
        String name = PREFIX + DAY.format(day);
        boolean exists = handle.createQuery("SELECT to_regclass(:name) IS NOT NULL")
                .bind("name", name)
                .mapTo(Boolean.class)
                .one();
        if (exists) {
            return;
        }
        String from = "'" + day + " 00:00:00+00'";
        String to = "'" + day.plusDays(1) + " 00:00:00+00'";
        String bounds = "FOR VALUES FROM (" + from + ") TO (" + to + ")";
        String inRange = "time >= " + from + " AND time < " + to;
        boolean strays = handle.createQuery("SELECT EXISTS (SELECT 1 FROM events_default WHERE " + inRange + ")")
                .mapTo(Boolean.class)
                .one();
        if (strays) {
            // Rows of that day landed in the default partition before this partition existed; PostgreSQL
            // refuses the new partition while they are there, so move them into it.
            handle.execute("ALTER TABLE events DETACH PARTITION events_default");
            handle.execute("CREATE TABLE " + name + " PARTITION OF events " + bounds);
            handle.execute("INSERT INTO events SELECT * FROM events_default WHERE " + inRange);
            handle.execute("DELETE FROM events_default WHERE " + inRange);
            handle.execute("ALTER TABLE events ATTACH PARTITION events_default DEFAULT");
        } else {
            handle.execute("CREATE TABLE " + name + " PARTITION OF events " + bounds);
        }
        LOG.debug("Created partition {}", name);
    }

    private static List<String> names(Handle handle) {
        return handle.createQuery("""
                        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                        WHERE i.inhparent = 'events'::regclass AND c.relname LIKE 'events\\_p%'
                        ORDER BY c.relname""")
                .mapTo(String.class)
                .list();
    }

    private static LocalDate dayOf(String partition) {
        return LocalDate.parse(partition.substring(PREFIX.length()), DAY);
    }

    private <T> T inOwnerTransaction(String action, Transactions.SqlWork<T> work) {
        try {
            return owner.inTransaction(handle -> {
                handle.createQuery(LOCK).mapToMap().one();
                return work.run(handle);
            });
        } catch (RuntimeException e) {
            throw PostgresErrors.translate(action, e);
        }
    }
}

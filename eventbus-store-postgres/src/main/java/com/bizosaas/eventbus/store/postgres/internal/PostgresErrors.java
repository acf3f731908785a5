package com.bizosaas.eventbus.store.postgres.internal;

import com.bizosaas.eventbus.ConflictException;
import com.bizosaas.eventbus.EventBusException;
import com.bizosaas.eventbus.UnavailableException;
import com.bizosaas.eventbus.ValidationException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns driver, pool and Jdbi exceptions into the bus's exceptions at the adapter edge: connection
 * trouble and contention become {@link UnavailableException} (a retry may help), a unique-key clash a
 * {@link ConflictException}, a value PostgreSQL cannot store a {@link ValidationException}.
 */
public final class PostgresErrors {
    private PostgresErrors() {
    }

    /**
     * @param action what was being done, e.g. "appending events", for the message
     */
    public static EventBusException translate(String action, Throwable error) {
        if (error instanceof EventBusException bus) {
            return bus;
        }
        if (error instanceof SQLTransientConnectionException) {
            return new UnavailableException("PostgreSQL connection pool exhausted while " + action + ": "
                    + error.getMessage(), error);
        }
        SQLException sql = findSqlException(error);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String detail = sql == null ? String.valueOf(error.getMessage()) : sql.getMessage();
        if (sql instanceof SQLTransientConnectionException || isTransient(state)) {
            return new UnavailableException("PostgreSQL is unavailable while " + action + ": " + detail, error);
        }
        if (state.equals("23505")) {
            return new ConflictException("conflict", "conflict while " + action + ": " + detail);
        }
        if (state.startsWith("22")) {
            // The client gets the SQL state, never the database's own text: it may quote internals.
            return new ValidationException("invalid_data", "PostgreSQL cannot store a value of this request (SQL state "
                    + state + ") while " + action, null);
        }
        return new EventBusException("store_failed", "PostgreSQL failed while " + action + ": " + detail, false, error);
    }

    /**
     * Connection exceptions (08), insufficient resources (53), operator intervention such as a
     * shutdown or a statement timeout (57), serialization failures and deadlocks (40001, 40P01).
     */
    private static boolean isTransient(String state) {
        return state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                || state.equals("40001") || state.equals("40P01");
    }

    private static SQLException findSqlException(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}

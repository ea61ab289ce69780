package dev.kb.common;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** PostgreSQL cannot be reached or started; the message is meant for the person running kb. */
public final class DatabaseUnavailable extends RuntimeException {
    /**
     * SQLStates that say the server went away rather than that a statement was wrong: class 08 (connection
     * exception) and the operator-intervention states of a server shutting down, crashing or still starting up —
     * the same ones HikariCP treats as a dead connection.
     */
    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03");
    /** Causes are followed this deep: far more than any real wrapping, and a guard against odd chains. */
    private static final int MAX_DEPTH = 32;

    public DatabaseUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether a failure comes from not reaching PostgreSQL (down, restarting, unreachable, or no pooled connection
     * free in time) rather than from a statement: worth a retry later, not a bug. Follows causes and JDBC's chained
     * exceptions, since jOOQ and the pool wrap the driver's.
     */
    public static boolean isCauseOf(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return reaches(failure, seen);
    }

    private static boolean reaches(Throwable t, Set<Throwable> seen) {
        if (t == null || seen.size() >= MAX_DEPTH || !seen.add(t)) {
            return false;
        }
        if (t instanceof DatabaseUnavailable || t instanceof SQLTransientConnectionException
                || t instanceof SQLNonTransientConnectionException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && (state.startsWith("08") || SERVER_GONE.contains(state))) {
                return true;
            }
            if (reaches(sql.getNextException(), seen)) {
                return true;
            }
        }
        return reaches(t.getCause(), seen);
    }
}

package dev.kb.common;

import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Failures said in one line. The messages of wrapping exceptions are not meant for people: jOOQ's and the
 * driver's batch errors repeat the whole statement with its values (a run's error once carried 346 969 characters
 * of SQL and course text). What names the cause is deeper: PostgreSQL's own primary message, its SQLState, or the
 * innermost exception.
 */
public final class Errors {
    /** One line, short enough for a job's status, a log line or a terminal. */
    static final int MAX_CHARS = 300;
    /** Causes are followed this deep: far more than any real wrapping, and a guard against odd chains. */
    private static final int MAX_DEPTH = 32;

    private Errors() {
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * The cause of a failure in one line, without SQL or the values a statement carried: PostgreSQL's SQLState in
     * words and its primary message when the server refused something; "did not answer in time" for a socket
     * timeout; else the innermost exception's message.
     */
    public static String describe(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof SocketTimeoutException) {
                return oneLine("PostgreSQL did not answer in time (" + message(t) + ")");
            }
        }
        // The server's own words come first: they say what PostgreSQL refused, without the statement.
        for (Throwable t : chain) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage server = p.getServerErrorMessage();
                return oneLine(SqlStates.words(server.getSQLState()) + " (" + server.getSQLState() + ": "
                        + server.getMessage() + ")");
            }
        }
        // Else the innermost SQLException with a state: a pool's timeout wraps the driver's "connection refused".
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i) instanceof SQLException sql && sql.getSQLState() != null) {
                // A batch's own message lists its statements with their values: only its state is said.
                String detail = sql instanceof BatchUpdateException ? sql.getSQLState()
                        : sql.getSQLState() + ": " + message(sql);
                return oneLine(SqlStates.words(sql.getSQLState()) + " (" + detail + ")");
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return oneLine(root instanceof SQLException ? "PostgreSQL reported an error" : message(root));
    }

    /** The failure, its causes and JDBC's chained exceptions, outermost first, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> next = new ArrayList<>(List.of(failure));
        while (!next.isEmpty() && chain.size() < MAX_DEPTH) {
            Throwable t = next.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            chain.add(t);
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                next.add(0, sql.getNextException());
            }
            if (t.getCause() != null) {
                next.add(0, t.getCause());
            }
        }
        return chain;
    }

    private static String message(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName();
        }
        // jOOQ prefixes the statement: "SQL [insert into …]; the driver's message".
        int sql = message.startsWith("SQL [") ? message.indexOf("]; ") : -1;
        return sql >= 0 ? message.substring(sql + 3) : message;
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 1) + "…";
    }
}

package dev.kb.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.common.DatabaseUnavailable;
import dev.kb.ingest.IngestFailed;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Which failures mean "PostgreSQL could not be reached" (503, retry) and which are statement errors (500). */
class DatabaseUnavailableTest {

    @Test
    void failures_to_reach_postgres_are_recognised_however_they_are_wrapped() {
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
                "kb - Connection is not available, request timed out after 3000ms");
        poolTimeout.setNextException(new PSQLException("Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
        assertThat(DatabaseUnavailable.isCauseOf(new DataAccessException("Error getting connection", poolTimeout)))
                .isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new IngestFailed("indexing failed", new DataAccessException(
                "SQL [select 1]; I/O error", new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE)))))
                .isTrue();
        // pg_ctl stop -m fast, a crash, or a server still starting up.
        for (String state : new String[] {"57P01", "57P02", "57P03"}) {
            assertThat(DatabaseUnavailable.isCauseOf(new DataAccessException("x", new SQLException("x", state))))
                    .as(state).isTrue();
        }
        // A chained exception counts as much as a cause.
        SQLException batch = new SQLException("batch failed", "XX000");
        batch.setNextException(new SQLException("terminated", "08006"));
        assertThat(DatabaseUnavailable.isCauseOf(new DataAccessException("x", batch))).isTrue();
        assertThat(DatabaseUnavailable.isCauseOf(new DatabaseUnavailable("cannot start", null))).isTrue();
    }

    @Test
    void statement_errors_are_not_outages() {
        assertThat(DatabaseUnavailable.isCauseOf(new DataAccessException("x",
                new PSQLException("duplicate key", PSQLState.UNIQUE_VIOLATION)))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new DataAccessException("x",
                new PSQLException("syntax error", PSQLState.SYNTAX_ERROR)))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new DataAccessException("no state"))).isFalse();
        assertThat(DatabaseUnavailable.isCauseOf(new IllegalStateException("bug"))).isFalse();
        RuntimeException loop = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", loop);
        loop.initCause(other);
        assertThat(DatabaseUnavailable.isCauseOf(loop)).isFalse();
    }
}

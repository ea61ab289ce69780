package dev.kb.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** Failures in one line naming their cause: never the statement, never the values it carried. */
class ErrorsTest {
    private static final String COURSE_TEXT = "A paragraph of the course, " + "word ".repeat(20_000);

    @Test
    void a_failed_batch_is_said_by_postgres_own_words_without_its_statements() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 insert into document (markdown) values ('"
                + COURSE_TEXT + "') was aborted: ERROR: no", "23514", new int[0]);
        batch.setNextException(new PSQLException(new org.postgresql.util.ServerErrorMessage(
                "SERROR\0C23514\0Mnew row for relation \"document\" violates check constraint \"c\"\0Dfailing row "
                        + "contains (" + COURSE_TEXT + ")\0")));
        String line = Errors.describe(new DataAccessException("SQL [insert into document values ('" + COURSE_TEXT
                + "')]; Batch entry 0 insert …", batch));
        assertThat(line).isEqualTo("a row broke a rule of the schema (23514: new row for relation \"document\" "
                + "violates check constraint \"c\")");
        // Without the server's message, a batch says its state only.
        assertThat(Errors.describe(new BatchUpdateException("Batch entry 0 insert into x values ('" + COURSE_TEXT
                + "')", "53100", new int[0]))).isEqualTo("PostgreSQL's disk is full (53100)");
    }

    @Test
    void an_unreachable_server_a_timeout_and_plain_failures_are_one_line_each() {
        SQLTransientConnectionException pool = new SQLTransientConnectionException(
                "kb - Connection is not available, request timed out after 3000ms", "08001",
                new PSQLException("Connection to localhost:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT));
        assertThat(Errors.describe(new DataAccessException("x", pool)))
                .isEqualTo("PostgreSQL cannot be reached (08001: Connection to localhost:5432 refused.)");
        assertThat(Errors.describe(new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE, new SocketTimeoutException("Read timed out"))))
                .isEqualTo("PostgreSQL did not answer in time (Read timed out)");
        assertThat(Errors.describe(new UncheckedIOException(new IOException("No space left on device"))))
                .isEqualTo("No space left on device");
        assertThat(Errors.describe(new IllegalStateException("line one\nline two"))).isEqualTo("line one line two");
        assertThat(Errors.describe(new IllegalStateException(COURSE_TEXT))).hasSize(Errors.MAX_CHARS);
    }
}

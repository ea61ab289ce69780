package dev.kb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kb.common.Errors;
import dev.kb.config.Config;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No statement and no read of a pooled connection waits for ever: PostgreSQL cancels a statement past the statement
 * timeout, and the driver gives up on a connection that stopped answering after the socket timeout. Short timeouts
 * here (1 s, so a 2 s socket timeout); the defaults are minutes.
 */
class DatabaseTimeoutsTest {
    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(1);

    private static Config config(Path dir) {
        Config.DatabaseSettings fresh = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        return new Config(0, dir, new Config.DatabaseSettings(fresh.url(), null, null, STATEMENT_TIMEOUT));
    }

    @Test
    void a_statement_past_the_statement_timeout_is_cancelled_with_a_clear_error(@TempDir Path dir) {
        try (Database db = Database.open(config(dir))) {
            assertThat(db.dsl().fetchValue("show statement_timeout")).isEqualTo("1s");
            Throwable failure = catchThrowable(() -> db.dsl().execute("select pg_sleep(5)"));
            assertThat(failure).isNotNull();
            assertThat(Errors.describe(failure)).contains("statement timeout").contains("57014");
        }
    }

    @Test
    void a_read_on_a_connection_that_stopped_answering_fails_after_the_socket_timeout(@TempDir Path dir) {
        assertThat(Database.socketTimeout(STATEMENT_TIMEOUT)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Database.socketTimeout(Config.DatabaseSettings.STATEMENT_TIMEOUT)).isEqualTo(Duration.ofSeconds(150));
        try (Database db = Database.open(config(dir))) {
            Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> catchThrowable(() ->
                    db.dsl().connection(c -> {
                        long backend;
                        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                            rs.next();
                            backend = rs.getLong(1);
                        }
                        // The server process behind this connection stops: it holds the socket open and says nothing,
                        // as a hung server or a network that drops packets would. It goes on after 20 s whatever
                        // happens, so no test leaves a stopped process behind.
                        signal("STOP", backend);
                        CompletableFuture.runAsync(() -> signal("CONT", backend),
                                CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS));
                        try (Statement s = c.createStatement()) {
                            s.execute("select 1");
                        } finally {
                            signal("CONT", backend);
                        }
                    })));
            assertThat(failure).as("the read gave up").isNotNull();
            assertThat(Errors.describe(failure)).startsWith("PostgreSQL did not answer in time");
            // The pool lends a working connection again.
            assertThat(db.dsl().fetchValue("select 1")).isEqualTo(1);
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

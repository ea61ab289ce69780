package dev.kb.app;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.config.Config;
import dev.kb.ingest.IndexProgress;
import dev.kb.ingest.IngestFailed;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index runs that fail for real: PostgreSQL refusing the course's rows, PostgreSQL going away in the middle of a run.
 * The failure names its cause in one line, without the statement or the course text it carried, and the run is
 * recorded as failed without a restart of kb, once the database takes the record.
 */
class FailedRunsTest {
    private static final String TOKEN = "failed-runs-token";
    /** A word only the changed course file holds: it must not reach the job's error or the run's record. */
    private static final String COURSE_WORD = "zebracornium";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void a_job_that_fails_on_a_sql_error_says_why_in_one_short_line_without_sql_or_course_text(@TempDir Path tmp)
            throws Exception {
        Path course = Courses.fixtureCopy(tmp);
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of()))) {
            String url = app.config().database().url();
            // PostgreSQL itself refuses the document: a real statement error, in the middle of the run's batches.
            TestDatabases.execute(url, "alter table document add constraint kb_test_no_word check (position('"
                    + COURSE_WORD + "' in markdown) = 0)");
            Path file = course.resolve("networking/services.md");
            Files.writeString(file, Files.readString(file) + "\n\n" + (COURSE_WORD + " ").repeat(2000) + "\n");

            String location = given(app.port()).auth().oauth2(TOKEN).post("/api/v1/courses/fixture-course/reindex")
                    .then().statusCode(202).extract().header("Location");
            Map<String, Object> job = awaitFinished(app.port(), location);

            assertThat(job.get("state")).isEqualTo("failed");
            String error = (String) job.get("error");
            assertOneLineCause(error);
            assertThat(error).contains("kb_test_no_word").contains("23514");
            String recorded = query(url, "select state || ': ' || error from index_run order by id desc limit 1");
            assertThat(recorded).startsWith("failed: ");
            assertOneLineCause(recorded.substring("failed: ".length()));
        }
    }

    @Test
    void a_run_cut_off_by_postgres_going_away_is_recorded_failed_once_it_is_back(@TempDir Path tmp) throws Exception {
        Path pgData = tmp.resolve("postgres");
        int pgPort = freePort();
        EmbeddedPostgres[] postgres = {startPostgres(pgData, pgPort)};
        String url = postgres[0].getJdbcUrl("postgres", "postgres");
        Path course = Courses.fixtureCopy(tmp);
        try (Kb kb = Kb.open(new Config(0, tmp.resolve("kb"), new Config.DatabaseSettings(url, null, null)))) {
            // PostgreSQL stops as the run is about to write: its transaction fails, and so does the first try to
            // record that, on the same database.
            IndexProgress stopPostgres = (phase, done, total) -> {
                if (phase.equals("store") && postgres[0] != null) {
                    close(postgres[0]);
                    postgres[0] = null;
                }
            };
            assertThatThrownBy(() -> kb.index("fixture-course", course, true, stopPostgres))
                    .isInstanceOf(IngestFailed.class);

            postgres[0] = startPostgres(pgData, pgPort);
            // No restart of kb: the run is recorded as failed once PostgreSQL answers again.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            String state;
            while (!(state = query(url, "select state from index_run order by id desc limit 1")).equals("failed")) {
                assertThat(System.nanoTime()).as("the run is recorded as failed, still %s", state).isLessThan(deadline);
                Thread.sleep(200);
            }
            assertOneLineCause(query(url, "select error from index_run order by id desc limit 1"));
        } finally {
            if (postgres[0] != null) {
                close(postgres[0]);
            }
        }
    }

    private static void assertOneLineCause(String error) {
        assertThat(error).isNotBlank().doesNotContain("\n").hasSizeLessThanOrEqualTo(300)
                .doesNotContainIgnoringCase("insert into").doesNotContainIgnoringCase("select ")
                .doesNotContainIgnoringCase("SQL [").doesNotContain(COURSE_WORD);
    }

    private static Map<String, Object> awaitFinished(int port, String location) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            Map<String, Object> job = given(port).auth().oauth2(TOKEN).get(location).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            if (job.get("finishedAt") != null) {
                return job;
            }
            assertThat(System.nanoTime()).as("the job finishes").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

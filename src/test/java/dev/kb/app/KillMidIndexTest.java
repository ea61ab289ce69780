package dev.kb.app;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.api.ApiServer;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import io.javalin.Javalin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code kb index} halfway through a run, while its transaction has written but not committed:
 * the next start serves the last complete index, the database matches it, and the cut-off run is recorded as failed.
 */
class KillMidIndexTest {
    private static final String COURSE = "kill-course";
    /** Only in version 1 of the course. */
    private static final String OLD_WORD = "zebrafinch";
    /** Only in version 2, which the killed run was indexing. */
    private static final String NEW_WORD = "quokkaberry";
    /** Enough that the killed run spends seconds parsing and writing, so the kill lands inside it. */
    private static final int GENERATED = 2000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void kill_9_mid_run_leaves_the_last_complete_index_served_and_the_run_failed(@TempDir Path dir) throws Exception {
        TestDatabases.Target target = TestDatabases.externalUrl() != null
                ? TestDatabases.Target.EXTERNAL : TestDatabases.Target.EMBEDDED;
        Config.DatabaseSettings database = TestDatabases.fresh(target);
        Config config = new Config(0, dir.resolve("data"), database);
        Path course = dir.resolve(COURSE);
        writeVersion1(course);

        // Version 1, indexed completely: the last complete index.
        long completeRun;
        try (Kb kb = Kb.open(config)) {
            completeRun = kb.index(COURSE, course).runId();
        }
        Map<String, String> v1Documents;
        try (Connection db = DriverManager.getConnection(database.url())) {
            v1Documents = documents(db);
            assertThat(v1Documents).containsOnlyKeys("README.md", "basics.md", "advanced.md");
            assertThat(committedRun(config)).isEqualTo(completeRun);

            writeVersion2(course);
            Path out = dir.resolve("index.out");
            Path err = dir.resolve("index.err");
            Process child = new ProcessBuilder(javaCommand(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    "dev.kb.Main", "index", course.toString(), "--course-id", COURSE, "--offline",
                    "--data-dir", config.dataDir().toString(), "--database-url", database.url())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            long interruptedRun;
            try {
                long launched = System.nanoTime();
                // Midway means: the run is recorded as running, and its transaction has written document rows
                // (an xid is assigned; the v1 row of the changed basics.md is already deleted in it) but not
                // committed. Nothing else in the child writes between the run's start and that transaction.
                awaitWhileAlive(child, err, "the run of version 2 to start", () -> runningAfter(db, completeRun) > 0);
                interruptedRun = runningAfter(db, completeRun);
                awaitWhileAlive(child, err, "the run's transaction to write documents", () -> writingDocuments(db));
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no catch block runs
                assertThat(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
                System.out.printf("killed kb index %d ms after launch%n",
                        Duration.ofNanos(System.nanoTime() - launched).toMillis());
            } finally {
                child.destroyForcibly();
            }
            assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
            assertThat(Files.readString(out)).as("the child never finished its run").doesNotContain("Indexed");

            // PostgreSQL rolls the dead connection's transaction back once its backend notices; wait for that,
            // so what follows reads the outcome, not a transaction still in flight.
            await("the killed child's connections to close", () -> otherConnections(db) == 0);
            assertThat(runState(db, interruptedRun)).as("nothing has looked at the cut-off run yet")
                    .isEqualTo("running");
            assertVersion1(db, v1Documents, "after the kill");
            assertThat(committedRun(config)).as("the killed run never reached the search index").isEqualTo(completeRun);
            long generation = commitGeneration(config);

            // The next start: serves without indexing (ServeCommand would index first; Kb.open alone does not).
            try (Kb kb = Kb.open(config)) {
                Javalin server = ApiServer.create(kb).start(0);
                try {
                    assertThat(runState(db, interruptedRun)).isEqualTo("failed");
                    assertThat(string(db, "select error from index_run where id = " + interruptedRun))
                            .startsWith("interrupted");
                    assertThat(count(db, "select count(*) from index_run where id = " + interruptedRun
                            + " and finished_at is not null")).isEqualTo(1);
                    assertThat(count(db, "select count(*) from index_run")).as("no other run was started").isEqualTo(2);
                    assertThat(count(db, "select max(id) from index_run where state = 'succeeded'"))
                            .isEqualTo(completeRun);
                    assertVersion1(db, v1Documents, "after the start");
                    assertThat(committedRun(config)).as("the index reflects the database's last succeeded run")
                            .isEqualTo(completeRun);
                    assertThat(commitGeneration(config))
                            .as("and is served as version 1's run committed it, not rebuilt")
                            .isEqualTo(generation);

                    // Plain REST Assured: the contract is ApiTest's concern, and its validator costs seconds to load.
                    int port = server.port();
                    given().port(port).get("/api/v1/courses/" + COURSE).then().statusCode(200)
                            .body("lastRunId", equalTo((int) completeRun))
                            .body("topics", equalTo(2));
                    given().port(port).queryParam("q", OLD_WORD).queryParam("course", COURSE).get("/api/v1/search")
                            .then().statusCode(200)
                            .body("total", equalTo(1))
                            .body("hits[0].path", equalTo("basics.md"));
                    given().port(port).queryParam("q", NEW_WORD).queryParam("course", COURSE).get("/api/v1/search")
                            .then().statusCode(200)
                            .body("total", equalTo(0));
                } finally {
                    server.stop();
                }
            }
        }
    }

    private static void writeVersion1(Path course) throws IOException {
        Files.createDirectories(course);
        Files.writeString(course.resolve("README.md"), "# Birds of the Cluster\n\n## Agenda\n\n### Module 1: Basics\n"
                + "- [Basics](basics.md)\n- [Advanced](advanced.md)\n");
        Files.writeString(course.resolve("basics.md"), "# Basics\n\nThe " + OLD_WORD + " scheduler places pods "
                + "on nodes.\n\n## Details\n\nEvery " + OLD_WORD + " decision is logged.\n");
        Files.writeString(course.resolve("advanced.md"), "# Advanced\n\nRead [the basics](basics.md) first.\n\n"
                + "## Affinity\n\nNode affinity narrows where pods may run.\n");
    }

    /** Version 2: basics.md loses the old word, and thousands of new lessons make the run take a while. */
    private static void writeVersion2(Path course) throws IOException {
        Files.writeString(course.resolve("basics.md"), "# Basics\n\nThe " + NEW_WORD + " scheduler places pods "
                + "on nodes.\n");
        Courses.writeLessons(course.resolve("generated"), GENERATED, NEW_WORD);
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** The database holds version 1, whole: its documents with their hashes, none of version 2's rows. */
    private static void assertVersion1(Connection db, Map<String, String> v1Documents, String when)
            throws SQLException {
        // The count first: on failure it says how much of version 2 got in without listing thousands of rows.
        assertThat(count(db, "select count(*) from document")).as("documents " + when).isEqualTo(v1Documents.size());
        assertThat(count(db, "select count(*) from document where markdown like '%" + NEW_WORD + "%'"))
                .as("documents of version 2 " + when).isZero();
        assertThat(documents(db)).as("version 1's documents " + when).isEqualTo(v1Documents);
    }

    /** Path to content hash of every document of the course, as PostgreSQL has them committed. */
    private static Map<String, String> documents(Connection db) throws SQLException {
        Map<String, String> documents = new TreeMap<>();
        try (PreparedStatement s = db.prepareStatement("select path, content_hash from document where course_id = ?")) {
            s.setString(1, COURSE);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    documents.put(r.getString(1), r.getString(2));
                }
            }
        }
        return documents;
    }

    private static String runState(Connection db, long runId) {
        try {
            String state = string(db, "select state from index_run where id = " + runId);
            return state == null ? "absent" : state;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of a run later than {@code runId} still marked running, or 0. */
    private static long runningAfter(Connection db, long runId) {
        try {
            return Math.max(0, count(db, "select max(id) from index_run where state = 'running' and id > " + runId));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another session on this database holds a transaction id (has written) and last ran a document statement. */
    private static boolean writingDocuments(Connection db) {
        try {
            return count(db, "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and backend_type = 'client backend' and pid <> pg_backend_pid()"
                    + " and backend_xid is not null and query ilike '%\"document\"%'") > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long otherConnections(Connection db) {
        try {
            return count(db, "select count(*) from pg_stat_activity where datname = current_database()"
                    + " and backend_type = 'client backend' and pid <> pg_backend_pid()");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection db, String sql) throws SQLException {
        String value = string(db, sql);
        return value == null ? -1 : Long.parseLong(value);
    }

    private static String string(Connection db, String sql) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    /** The run id the search index's last commit records for the course (read without opening a writer). */
    private static Long committedRun(Config config) throws IOException {
        try (FSDirectory directory = FSDirectory.open(config.luceneDir())) {
            String run = SegmentInfos.readLatestCommit(directory).getUserData().get("run:" + COURSE);
            return run == null ? null : Long.parseLong(run);
        }
    }

    private static long commitGeneration(Config config) throws IOException {
        try (FSDirectory directory = FSDirectory.open(config.luceneDir())) {
            return SegmentInfos.readLatestCommit(directory).getGeneration();
        }
    }

    private static void awaitWhileAlive(Process child, Path err, String what, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (!child.isAlive()) {
                throw new AssertionError("kb index ended (exit " + child.exitValue() + ") before " + what + ": "
                        + Files.readString(err));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}

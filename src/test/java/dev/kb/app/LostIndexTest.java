package dev.kb.app;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Lucene directory deleted from the file system while kb serves: searches go on from the index last read,
 * /health says the index is being rebuilt, and it comes back from PostgreSQL, at the next health check or run,
 * without a restart.
 */
class LostIndexTest {
    private static final String TOKEN = "lost-index-token";
    private static final String COURSE = "fixture-course";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static TestApp start(Path dir) {
        return TestApp.start(Courses.fixtureCopy(dir), TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of()));
    }

    private static List<String> paths(TestApp app, String q) {
        return given(app.port()).queryParam("q", q).get("/api/v1/search").then().statusCode(200)
                .extract().jsonPath().getList("hits.path");
    }

    /** Adds a word no document has to a topic. */
    private static void edit(Path dir, String word) throws Exception {
        Files.writeString(dir.resolve("fixture-course/security/01-non-root.md"), "\n\nAlso: " + word + ".\n",
                StandardOpenOption.APPEND);
    }

    private static JsonPath reindex(TestApp app) throws InterruptedException {
        String location = given(app.port()).auth().oauth2(TOKEN).post("/api/v1/courses/" + COURSE + "/reindex")
                .then().statusCode(202).extract().header("Location");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonPath job = given(app.port()).auth().oauth2(TOKEN).get(location).then().statusCode(200).extract()
                    .jsonPath();
            if (job.get("finishedAt") != null || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(50);
        }
    }

    private static boolean committed(Path lucene) throws Exception {
        try (Stream<Path> files = Files.list(lucene)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
        }
    }

    /** Deletes the index directory, or only the files in it. */
    private static void lose(Path lucene, boolean wholeDirectory) throws Exception {
        if (wholeDirectory) {
            Courses.delete(lucene);
            return;
        }
        try (Stream<Path> files = Files.list(lucene)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
    }

    @ParameterizedTest(name = "whole directory: {0}")
    @ValueSource(booleans = {true, false})
    void a_reindex_after_the_index_was_deleted_succeeds_and_finds_the_new_text(boolean wholeDirectory,
                                                                              @TempDir Path dir) throws Exception {
        try (TestApp app = start(dir)) {
            lose(app.config().luceneDir(), wholeDirectory);
            assertThat(paths(app, "runAsUser")).as("searches go on from the index last read")
                    .contains("security/01-non-root.md");

            edit(dir, "zanzibarquokka");
            JsonPath job = reindex(app);
            assertThat(job.getString("state")).as(job.prettify()).isEqualTo("succeeded");
            assertThat(paths(app, "zanzibarquokka")).containsExactly("security/01-non-root.md");
            assertThat(paths(app, "cap_net_raw")).contains("security/02-capabilities.md");
            assertThat(committed(app.config().luceneDir())).as("the index is on disk again").isTrue();

            Response health = given(app.port()).get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.jsonPath().getString("status")).isEqualTo("ok");
            assertThat(health.jsonPath().getString("searchIndex.status")).isEqualTo("up");

            // And the index goes on taking runs.
            edit(dir, "quetzalmarmot");
            assertThat(reindex(app).getString("state")).isEqualTo("succeeded");
            assertThat(paths(app, "quetzalmarmot")).containsExactly("security/01-non-root.md");
        }
    }

    @Test
    void health_reports_a_deleted_index_as_rebuilding_until_it_is_rebuilt_from_the_database(@TempDir Path dir)
            throws Exception {
        try (TestApp app = start(dir)) {
            Courses.delete(app.config().luceneDir());

            Response lost = given(app.port()).get("/health");
            assertThat(lost.statusCode()).as("search still answers: no 503").isEqualTo(200);
            assertThat(lost.jsonPath().getString("status")).isEqualTo("degraded");
            assertThat(lost.jsonPath().getString("database.status")).isEqualTo("up");
            assertThat(lost.jsonPath().getString("searchIndex.status")).isEqualTo("rebuilding");
            assertThat(lost.jsonPath().getString("searchIndex.detail")).contains("lost").contains("rebuilt")
                    .doesNotContain(app.config().luceneDir().toString());
            given(app.port()).get("/metrics").then().statusCode(200);

            // That check started the rebuild: health turns ok without a run or a restart.
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            JsonPath health = given(app.port()).get("/health").jsonPath();
            while (!"ok".equals(health.getString("status")) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                health = given(app.port()).get("/health").jsonPath();
            }
            assertThat(health.getString("status")).as(health.prettify()).isEqualTo("ok");
            assertThat(health.getString("searchIndex.status")).isEqualTo("up");
            assertThat(committed(app.config().luceneDir())).isTrue();
            assertThat(paths(app, "runAsUser")).contains("security/01-non-root.md");
        }
    }
}

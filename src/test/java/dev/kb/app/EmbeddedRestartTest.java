package dev.kb.app;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.api.ApiServer;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kb's own embedded PostgreSQL dies (kill -9 of its postmaster, as the OOM killer would): kb starts it again on the
 * same data directory and port, and the routes that read PostgreSQL answer again without a restart of kb.
 */
class EmbeddedRestartTest {
    private static final String COURSE = "fixture-course";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void a_killed_embedded_postgres_is_started_again_and_kb_answers_from_it(@TempDir Path dataDir) throws Exception {
        try (Kb kb = Kb.open(new Config(0, dataDir, Config.DatabaseSettings.embedded()))) {
            kb.index(COURSE, Courses.fixtureCopy(dataDir));
            Javalin server = ApiServer.create(kb).start(0);
            try {
                int port = server.port();
                String topics = "/api/v1/topics?course=" + COURSE;
                given(port).get(topics).then().statusCode(200);
                long killed = postmaster(dataDir);
                ProcessHandle postmaster = ProcessHandle.of(killed).orElseThrow();
                assertThat(postmaster.destroyForcibly()).isTrue();

                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (given(port).get(topics).statusCode() != 200) {
                    assertThat(System.nanoTime()).as("kb answers from PostgreSQL again").isLessThan(deadline);
                    Thread.sleep(250);
                }
                assertThat(postmaster(dataDir)).as("a new postmaster").isNotEqualTo(killed);
                given(port).get("/health").then().statusCode(200);
            } finally {
                server.stop();
            }
        }
    }

    /** The pid of the server running in the data directory, from the first line of its postmaster.pid. */
    private static long postmaster(Path dataDir) throws Exception {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(0).strip());
    }
}

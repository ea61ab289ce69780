package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.config.Config;
import dev.kb.search.SearchHit;
import dev.kb.search.SearchService;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Processes on one database serve as one: a run one of them publishes is announced, and the others' search
 * indexes follow it without a run of their own; a process whose listening connection was cut catches up when it
 * listens again.
 */
class RunFollowingTest {
    /** Far beyond the follower's own pace (an announcement at commit, a retry every 2 s): a bound, not a timing. */
    private static final long PATIENCE_MILLIS = 30_000;

    @Test
    void a_run_published_by_one_process_becomes_searchable_on_another_without_a_run_of_its_own(@TempDir Path tmp)
            throws Exception {
        Config.DatabaseSettings database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = Kb.open(new Config(0, tmp.resolve("a"), database));
             Kb b = Kb.open(new Config(0, tmp.resolve("b"), database))) {
            a.index("fixture", course);
            await("b follows a's first run", () -> paths(b, "runAsUser").contains("security/01-non-root.md"));

            Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe wombat rule applies.\n",
                    StandardOpenOption.APPEND);
            a.index("fixture", course);
            await("b follows a's second run", () -> paths(b, "wombat").equals(List.of("security/01-non-root.md")));
            assertThat(b.services().health().ready().ready()).isTrue();
        }
    }

    @Test
    void a_process_whose_listening_connection_was_cut_catches_up_when_it_listens_again(@TempDir Path tmp)
            throws Exception {
        Config.DatabaseSettings database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = Kb.open(new Config(0, tmp.resolve("a"), database));
             Kb b = Kb.open(new Config(0, tmp.resolve("b"), database))) {
            a.index("fixture", course);
            await("b follows a's run", () -> !paths(b, "runAsUser").isEmpty());

            TestDatabases.execute(database.url(), "select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where application_name = 'kb-listener' and datname = current_database()");
            Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe numbat rule applies.\n",
                    StandardOpenOption.APPEND);
            a.index("fixture", course);

            await("b catches up after listening again", () -> paths(b, "numbat").equals(
                    List.of("security/01-non-root.md")));
        }
    }

    private static List<String> paths(Kb kb, String query) {
        return kb.services().search().search(new SearchService.Request(query, "fixture", 10, 0)).hits().stream()
                .map(SearchHit::path).toList();
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!done.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

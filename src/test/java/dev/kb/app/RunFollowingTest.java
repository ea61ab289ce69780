package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.Replicas;
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
        Replicas replicas = Replicas.fresh(tmp);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = replicas.open("a");
             Kb b = replicas.open("b")) {
            a.index("fixture", course);
            await("b follows a's first run", () -> Replicas.paths(b, "fixture", "runAsUser").contains("security/01-non-root.md"));

            Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe wombat rule applies.\n",
                    StandardOpenOption.APPEND);
            a.index("fixture", course);
            await("b follows a's second run", () -> Replicas.paths(b, "fixture", "wombat").equals(List.of("security/01-non-root.md")));
            assertThat(b.services().health().ready().ready()).isTrue();
        }
    }

    @Test
    void a_following_process_applies_only_the_topics_the_announced_run_changed(@TempDir Path tmp) throws Exception {
        Replicas replicas = Replicas.fresh(tmp);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = replicas.open("a");
             Kb b = replicas.open("b")) {
            a.index("fixture", course);
            await("b follows a's first run", () -> !Replicas.paths(b, "fixture", "runAsUser").isEmpty());
            // A change no run made: a rebuild of the course's search documents would pick it up, applying the run's
            // changed topics leaves it out.
            TestDatabases.execute(replicas.database().url(), "update document set title = 'Sneakyotter' "
                    + "where path = 'networking/services.md'");

            Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe quoll rule applies.\n",
                    StandardOpenOption.APPEND);
            a.index("fixture", course);
            await("b follows a's second run", () -> Replicas.paths(b, "fixture", "quoll").equals(
                    List.of("security/01-non-root.md")));
            assertThat(Replicas.paths(b, "fixture", "sneakyotter")).as("only the run's topics were written").isEmpty();
        }
        // A process starting on an index that holds an older run catches up the same way.
        Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe dunnart rule applies.\n",
                StandardOpenOption.APPEND);
        try (Kb a = replicas.open("a")) {
            a.index("fixture", course);
        }
        try (Kb b = replicas.open("b")) {
            assertThat(Replicas.paths(b, "fixture", "dunnart")).containsExactly("security/01-non-root.md");
            assertThat(Replicas.paths(b, "fixture", "sneakyotter")).isEmpty();
        }
    }

    @Test
    void a_process_whose_listening_connection_was_cut_catches_up_when_it_listens_again(@TempDir Path tmp)
            throws Exception {
        Replicas replicas = Replicas.fresh(tmp);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = replicas.open("a");
             Kb b = replicas.open("b")) {
            a.index("fixture", course);
            await("b follows a's run", () -> !Replicas.paths(b, "fixture", "runAsUser").isEmpty());

            TestDatabases.execute(replicas.database().url(), "select pg_terminate_backend(pid) from pg_stat_activity "
                    + "where application_name = 'kb-listener' and datname = current_database()");
            Files.writeString(course.resolve("security/01-non-root.md"), "\n\nThe numbat rule applies.\n",
                    StandardOpenOption.APPEND);
            a.index("fixture", course);

            await("b catches up after listening again", () -> Replicas.paths(b, "fixture", "numbat").equals(
                    List.of("security/01-non-root.md")));
        }
    }


    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
        while (!done.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waiting for %s", what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

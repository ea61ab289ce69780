package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness says whether a process's search index holds the newest run of every course in the database it shares
 * with other processes: a process that has not caught up is taken out of traffic until it has.
 */
class ReadinessTest {

    @Test
    void a_process_whose_index_lacks_a_run_another_published_is_not_ready_until_it_catches_up(@TempDir Path tmp)
            throws Exception {
        Config.DatabaseSettings database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        Config first = new Config(0, tmp.resolve("a"), database);
        Config second = new Config(0, tmp.resolve("b"), database);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = Kb.open(first); Kb b = Kb.open(second)) {
            assertThat(b.services().health().ready().ready()).isTrue();

            a.index("fixture", course);

            assertThat(a.services().health().ready().ready()).as("the process that published").isTrue();
            Health.Readiness behind = b.services().health().ready();
            assertThat(behind.ready()).isFalse();
            assertThat(behind.status()).isEqualTo("not-ready");
            assertThat(behind.behind()).containsExactly("fixture");
        }
        // Opening brings the index up to the database before kb serves: ready at once.
        try (Kb b = Kb.open(second)) {
            Health.Readiness caughtUp = b.services().health().ready();
            assertThat(caughtUp.ready()).isTrue();
            assertThat(caughtUp.behind()).isEmpty();
        }
    }
}

package dev.kb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short replica run (two replicas, 4 clients for 3 s, a change every second) so the command cannot rot: every
 * request succeeds and every change becomes searchable on both replicas. The long run's figures live in
 * docs/benchmarks.md.
 */
class ReplicaBenchSmokeTest {
    @TempDir
    Path work;

    @Test
    void every_change_reaches_every_replica_under_load() throws Exception {
        List<ReplicaBench.Run> runs = ReplicaBench.run(new ReplicaBench.Settings(Courses.fixture(), work,
                TestDatabases.fresh(TestDatabases.Target.EMBEDDED), List.of(2), 4, Duration.ofSeconds(3),
                Duration.ofSeconds(1), 42), line -> { });

        ReplicaBench.Run run = runs.get(0);
        assertThat(run.load().failed()).isEmpty();
        assertThat(run.load().requests()).isPositive();
        assertThat(run.changes()).isPositive();
        assertThat(run.delays()).hasSize(2)
                .allSatisfy(delays -> assertThat(delays).as("every change found on the replica")
                        .hasSize(run.changes()));
    }
}

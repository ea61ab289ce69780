package dev.kb.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.BareRepo;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas on one database polling the same repository at once start one index run for a new commit. */
class ReplicaSyncTest {
    private static final String AGENDA = "# Synced\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    @Test
    void two_replicas_polling_one_new_commit_at_once_index_it_once(@TempDir Path tmp) throws Exception {
        BareRepo repo = BareRepo.create(tmp, "repo");
        repo.commit("one", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nFirst words.\n"));
        repo.push("refs/heads/main");
        Config.DatabaseSettings database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        GitSettings settings = GitSettings.DEFAULT.withPoll(Duration.ZERO);
        CourseSource source = CourseSource.git("c", repo.url(), "main", null, null);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Kb a = Kb.open(new Config(0, tmp.resolve("a"), database));
             Kb b = Kb.open(new Config(0, tmp.resolve("b"), database))) {
            CatalogService first = a.catalog(settings);
            CatalogService second = b.catalog(settings);
            first.add(source);
            second.follow(source);
            repo.commit("two", Map.of("intro.md", "# Intro\n\nSecond words.\n"));
            repo.push("refs/heads/main");
            long runsBefore = runs(database);

            CountDownLatch start = new CountDownLatch(1);
            Future<SyncResult> byA = pool.submit(() -> {
                start.await();
                return first.poll("c");
            });
            Future<SyncResult> byB = pool.submit(() -> {
                start.await();
                return second.poll("c");
            });
            start.countDown();
            List<SyncResult.Outcome> outcomes = List.of(byA.get().outcome(), byB.get().outcome());

            assertThat(outcomes).as("one replica indexes the commit, the other finds it indexed")
                    .containsExactlyInAnyOrder(SyncResult.Outcome.INDEXED, SyncResult.Outcome.UNCHANGED);
            assertThat(runs(database)).as("one index run for the one new commit").isEqualTo(runsBefore + 1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static long runs(Config.DatabaseSettings database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.url());
             ResultSet r = c.createStatement().executeQuery("select count(*) from index_run where course_id = 'c'")) {
            r.next();
            return r.getLong(1);
        }
    }
}

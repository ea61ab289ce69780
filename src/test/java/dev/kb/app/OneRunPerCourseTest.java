package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.Replicas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two kb processes on one database never index one course at the same time: their runs take turns. */
class OneRunPerCourseTest {

    @Test
    void runs_of_one_course_from_two_processes_do_not_overlap(@TempDir Path tmp) throws Exception {
        Replicas replicas = Replicas.fresh(tmp);
        Path course = Courses.fixtureCopy(tmp);
        try (Kb a = replicas.open("a");
             Kb b = replicas.open("b")) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<?>> runs = new ArrayList<>();
            for (Kb kb : List.of(a, b, a, b)) {
                runs.add(CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    kb.index("fixture", course, true, dev.kb.ingest.IndexProgress.NONE);
                }));
            }
            go.countDown();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        }
        List<OffsetDateTime[]> intervals = new ArrayList<>();
        Config.DatabaseSettings database = replicas.database();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT started_at, finished_at, state FROM index_run ORDER BY started_at")) {
            while (r.next()) {
                assertThat(r.getString("state")).isEqualTo("succeeded");
                intervals.add(new OffsetDateTime[] {r.getObject(1, OffsetDateTime.class),
                        r.getObject(2, OffsetDateTime.class)});
            }
        }
        assertThat(intervals).hasSize(4);
        for (int i = 1; i < intervals.size(); i++) {
            assertThat(intervals.get(i)[0]).as("run %d starts after run %d ended", i + 1, i)
                    .isAfterOrEqualTo(intervals.get(i - 1)[1]);
        }
    }
}

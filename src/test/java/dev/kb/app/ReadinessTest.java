package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.ingest.IndexProgress;
import dev.kb.testing.Courses;
import dev.kb.testing.Replicas;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
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
        Replicas replicas = Replicas.fresh(tmp);
        Path course = Courses.fixtureCopy(tmp);
        Path other = tmp.resolve("other");
        Courses.copy(Courses.fixture(), other);
        try (Kb a = replicas.open("a");
             Kb b = replicas.open("b");
             Connection holder = DriverManager.getConnection(replicas.database().url());
             Statement s = holder.createStatement()) {
            assertThat(b.services().health().ready().ready()).isTrue();
            // b's own run of another course waits for that course's lock (held here, as another process's run would),
            // and b catches up with other processes' runs only between its own: a's run stays unfollowed meanwhile.
            s.execute("select pg_advisory_lock(" + 0x6B62 + ", hashtext('other'))");
            CompletableFuture<?> blocked = CompletableFuture.runAsync(
                    () -> b.index("other", other, false, IndexProgress.NONE));
            awaitWaiter(s);

            a.index("fixture", course);

            assertThat(a.services().health().ready().ready()).as("the process that published").isTrue();
            Health.Readiness behind = b.services().health().ready();
            assertThat(behind.ready()).isFalse();
            assertThat(behind.status()).isEqualTo("not-ready");
            assertThat(behind.behind()).containsExactly("fixture");

            s.execute("select pg_advisory_unlock(" + 0x6B62 + ", hashtext('other'))");
            blocked.join();
            long deadline = System.currentTimeMillis() + 30_000;
            while (!b.services().health().ready().ready()) {
                assertThat(System.currentTimeMillis()).as("b catches up once its run is done").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(b.services().health().ready().behind()).isEmpty();
        }
    }

    /** Until b's run waits for the advisory lock (and so holds b's own turn). */
    private static void awaitWaiter(Statement s) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            try (ResultSet r = s.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
                r.next();
                if (r.getInt(1) > 0) {
                    return;
                }
            }
            assertThat(System.currentTimeMillis()).as("b's run waits for the lock").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.ingest.IndexProgress;
import dev.kb.search.SearchService;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index stays fresh and whole: a saved file shows in search moments later; a re-index is never seen half done. */
class FreshIndexTest {
    private static final String COURSE = "fixture-course";

    private static long total(TestApp app, String q) {
        return app.kb().services().search().search(new SearchService.Request(q, COURSE, 10, 0)).total();
    }

    @Test
    void a_watched_course_shows_an_edit_in_search_within_3_seconds(@TempDir Path dir) throws Exception {
        Path course = Courses.fixtureCopy(dir);
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
             CourseWatcher watcher = CourseWatcher.start(app.kb(), COURSE, course)) {
            assertThat(total(app, "quetzalcoatl")).isZero();
            Path file = course.resolve("networking/services.md");
            long saved = System.nanoTime();
            Files.writeString(file, Files.readString(file) + "\nThe quetzalcoatl load balancer.\n");
            long found = -1;
            while (System.nanoTime() - saved < Duration.ofSeconds(10).toNanos()) {
                if (total(app, "quetzalcoatl") == 1) {
                    found = System.nanoTime();
                    break;
                }
                Thread.sleep(25);
            }
            assertThat(found).as("the edit never reached search").isPositive();
            assertThat(Duration.ofNanos(found - saved)).isLessThan(Duration.ofSeconds(3));

            // A new folder is watched too.
            Files.createDirectories(course.resolve("extra/deeper"));
            Thread.sleep(300); // let the watcher register the new folders before a file lands in them
            Files.writeString(course.resolve("extra/deeper/new.md"), "# Brand new\n\nAbout the xylophone operator.\n");
            long created = System.nanoTime();
            while (total(app, "xylophone") == 0 && System.nanoTime() - created < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(25);
            }
            assertThat(total(app, "xylophone")).isEqualTo(1);
        }
    }

    @Test
    void searches_during_a_full_re_index_never_fail_and_never_see_half_an_index(@TempDir Path dir) throws Exception {
        Path course = Courses.fixtureCopy(dir);
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED)) {
            long stable = total(app, "kubernetes");
            assertThat(stable).isPositive();
            for (int i = 0; i < 12; i++) {
                Files.writeString(course.resolve("added-" + i + ".md"), "# Added " + i + "\n\nThe okapi " + i + " grazes.\n");
            }
            AtomicBoolean indexing = new AtomicBoolean(true);
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            Set<Long> okapis = ConcurrentHashMap.newKeySet();
            Set<Long> kubernetes = ConcurrentHashMap.newKeySet();
            AtomicInteger searches = new AtomicInteger();
            List<Thread> searchers = List.of(new Thread(() -> {
                while (indexing.get()) {
                    try {
                        okapis.add(total(app, "okapi"));
                        kubernetes.add(total(app, "kubernetes"));
                        searches.incrementAndGet();
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }
            }), new Thread(() -> {
                while (indexing.get()) {
                    try {
                        app.kb().services().passages().passages(new dev.kb.search.PassageService.Request(
                                "kubernetes okapi", COURSE, 5, 4000));
                        searches.incrementAndGet();
                    } catch (Throwable t) {
                        errors.add(t);
                    }
                }
            }));
            searchers.forEach(Thread::start);
            List<String> phases = new CopyOnWriteArrayList<>();
            IndexProgress progress = (phase, done, total) -> phases.add(phase);
            try {
                var run = app.kb().index(COURSE, course, true, progress);
                assertThat(run.rebuildCourse()).isTrue();
                assertThat(run.filesUnchanged()).isZero();
            } finally {
                indexing.set(false);
                for (Thread t : searchers) {
                    t.join();
                }
            }
            assertThat(errors).isEmpty();
            assertThat(searches.get()).isGreaterThan(10);
            assertThat(okapis).isSubsetOf(0L, 12L);
            assertThat(kubernetes).containsExactly(stable);
            assertThat(total(app, "okapi")).isEqualTo(12);
            assertThat(phases).contains("scan", "parse", "store", "search index");
        }
    }
}

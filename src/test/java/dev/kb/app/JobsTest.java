package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.common.Conflict;
import dev.kb.config.Config;
import dev.kb.db.Database;
import dev.kb.ingest.IndexRunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.kb.store.JobStore;
import dev.kb.store.Stores;
import dev.kb.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobsTest {
    private static final Path C = Path.of("/courses/c");
    private static final Path OTHER = Path.of("/courses/other");

    private static Database database;

    @BeforeAll
    static void openDatabase(@TempDir Path dir) {
        database = Database.open(new Config(0, dir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED)));
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    /** Another kb process's jobs, as far as the jobs know: the database is all they share. */
    private static Jobs process(Duration lease) {
        return new Jobs(new Stores(database.dsl()).jobs(), lease);
    }

    private static Jobs process() {
        return process(Config.JOB_LEASE);
    }

    @Test
    void every_process_answers_for_a_job_and_a_job_whose_process_died_fails_when_its_lease_ends() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs a = process(); Jobs b = process()) {
            Job job = a.submit("reindex", "c", C, progress -> {
                progress.update("parse", 1, 2);
                await(release);
                return leave(new AtomicInteger(1));
            });
            awaitState(b, job.id(), "running");
            release.countDown();
            awaitState(b, job.id(), "succeeded");
            assertThat(b.get(job.id()).result().runId()).isEqualTo(1);
            assertThat(b.get(job.id())).isEqualTo(a.get(job.id()));
        }
        JobStore store = new Stores(database.dsl()).jobs();
        // A process that took a job and died: nobody renews its lease.
        store.insert("dead-process-job", "reindex", "c", "gone", Duration.ofMillis(300));
        try (Jobs survivor = process()) {
            awaitState(survivor, "dead-process-job", "failed");
            assertThat(survivor.get("dead-process-job").error()).isEqualTo(JobStore.EXPIRED);
        }
        // While its process lives, a job with the shortest lease stays held (renewed every third of it).
        CountDownLatch done = new CountDownLatch(1);
        try (Jobs living = process(Duration.ofMillis(300)); Jobs other = process()) {
            Job held = living.submit("reindex", "c", C, progress -> {
                await(done);
                return leave(new AtomicInteger(1));
            });
            awaitState(other, held.id(), "running");
            Thread.sleep(1000);
            assertThat(other.get(held.id()).state()).isEqualTo("running");
            done.countDown();
            awaitState(other, held.id(), "succeeded");
        }
    }

    @Test
    void requests_while_an_identical_job_waits_get_that_job_and_runs_never_overlap() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger runs = new AtomicInteger();
        try (Jobs jobs = process()) {
            Job first = jobs.submit("reindex", "c", C, progress -> {
                enter(running, overlaps, runs);
                await(release);
                return leave(running);
            });
            awaitState(jobs, first.id(), "running");
            List<Job> waiting = List.of(
                    jobs.submit("reindex", "c", C, p -> work(running, overlaps, runs)),
                    jobs.submit("reindex", "c", C, p -> work(running, overlaps, runs)),
                    jobs.submit("reindex", "c", C, p -> work(running, overlaps, runs)));
            Job other = jobs.submit("reindex", "other-course", OTHER, p -> work(running, overlaps, runs));
            Job full = jobs.submit("full reindex", "c", C, p -> work(running, overlaps, runs));

            assertThat(waiting).extracting(Job::id).containsOnly(waiting.get(0).id()).doesNotContain(first.id());
            assertThat(Set.of(first.id(), waiting.get(0).id(), other.id(), full.id())).hasSize(4);
            release.countDown();
            for (Job job : List.of(first, waiting.get(0), other, full)) {
                awaitState(jobs, job.id(), "succeeded");
            }
            assertThat(runs).hasValue(4);
            assertThat(overlaps).hasValue(0);
        }
    }

    @Test
    void while_a_job_for_a_course_is_queued_or_running_another_directory_for_it_is_a_conflict() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Jobs jobs = process()) {
            Job running = jobs.submit("register", "c", C, progress -> {
                await(release);
                return leave(new AtomicInteger(1));
            });
            awaitState(jobs, running.id(), "running");
            Job queued = jobs.submit("reindex", "c", C, p -> leave(new AtomicInteger(1)));
            assertThatThrownBy(() -> jobs.submit("register", "c", OTHER, p -> leave(new AtomicInteger(1))))
                    .isInstanceOf(Conflict.class).hasMessage("the course id 'c' is being indexed from another directory");
            assertThatThrownBy(() -> jobs.requireSameDirectory("c", OTHER)).isInstanceOf(Conflict.class);
            jobs.requireSameDirectory("c", C);
            jobs.requireSameDirectory("other-course", OTHER);

            release.countDown();
            awaitState(jobs, running.id(), "succeeded");
            awaitState(jobs, queued.id(), "succeeded");
            // Nothing pending any more: which directory the course has is the database's to say (Kb checks it).
            Job later = jobs.submit("register", "c", OTHER, p -> leave(new AtomicInteger(1)));
            awaitState(jobs, later.id(), "succeeded");
        }
    }

    private static IndexRunReport work(AtomicInteger running, AtomicInteger overlaps, AtomicInteger runs) {
        enter(running, overlaps, runs);
        return leave(running);
    }

    private static void enter(AtomicInteger running, AtomicInteger overlaps, AtomicInteger runs) {
        runs.incrementAndGet();
        if (running.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
    }

    private static IndexRunReport leave(AtomicInteger running) {
        running.decrementAndGet();
        return new IndexRunReport(1, "c", "t", 0, 0, 0, 0, List.of(), Set.of(), Set.of(), false, Duration.ZERO, 0);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitState(Jobs jobs, String id, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!jobs.get(id).state().equals(state)) {
            assertThat(System.nanoTime()).as("job %s reaching %s", id, state).isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}

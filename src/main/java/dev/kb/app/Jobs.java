package dev.kb.app;

import dev.kb.common.Conflict;
import dev.kb.common.DatabaseUnavailable;
import dev.kb.common.Errors;
import dev.kb.common.NotFound;
import dev.kb.ingest.IndexProgress;
import dev.kb.ingest.IndexRunReport;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Index runs requested over the API, run one after another on a background thread. The most recent
 * {@value #KEPT} jobs are remembered (in memory: a job is about this process's work).
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    static final int KEPT = 200;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kb-jobs");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    /** The directory each remembered job reads (links resolved): part of what makes two requests the same. */
    private final Map<String, Path> directories = new HashMap<>();

    /**
     * Queues work that indexes a course from a directory; the work reports its progress to what it is given. A
     * request identical to one that is already waiting (same kind, course and directory) gets that job: the waiting
     * run will read the files as they are when it starts, so a second one would add nothing, and a client asking
     * every few seconds cannot grow the queue without bound.
     *
     * @throws Conflict when a job for the course that is queued or running reads another directory: both cannot
     *                  be the course, and telling both clients "accepted" would make one of them wrong
     */
    public synchronized Job submit(String kind, String course, Path directory,
                                   Function<IndexProgress, IndexRunReport> work) {
        requireSameDirectory(course, directory);
        for (Job job : jobs.values()) {
            if (job.state().equals("queued") && job.kind().equals(kind) && job.course().equals(course)) {
                return job;
            }
        }
        Job queued = new Job(UUID.randomUUID().toString(), kind, course, "queued", null, now(), null, null, null, null);
        directories.put(queued.id(), directory);
        put(queued);
        runner.submit(() -> run(queued, work));
        return queued;
    }

    /** Refuses a directory for a course while a job for it that reads another one is queued or running. */
    public synchronized void requireSameDirectory(String course, Path directory) {
        for (Job job : jobs.values()) {
            if (job.course().equals(course) && job.finishedAt() == null && !directories.get(job.id()).equals(directory)) {
                // The other directory is not said: error bodies name no server paths.
                throw new Conflict("the course id '" + course + "' is being indexed from another directory");
            }
        }
    }

    public synchronized Job get(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new NotFound("job", id);
        }
        return job;
    }

    private void run(Job queued, Function<IndexProgress, IndexRunReport> work) {
        String id = queued.id();
        OffsetDateTime started = now();
        update(id, j -> new Job(id, j.kind(), j.course(), "running", new Job.Progress("scan", 0, 0), j.submittedAt(),
                started, null, null, null));
        try {
            IndexRunReport r = work.apply((phase, done, total) -> update(id, j -> new Job(id, j.kind(), j.course(),
                    j.state(), new Job.Progress(phase, done, total), j.submittedAt(), j.startedAt(), null, null, null)));
            // No report: nothing needed indexing (a sync that found the commit indexed already).
            Job.Result result = r == null ? null : new Job.Result(r.runId(), r.filesScanned(), r.filesParsed(),
                    r.filesUnchanged(), r.filesRemoved(), r.issues().size());
            update(id, j -> new Job(id, j.kind(), j.course(), "succeeded", null, j.submittedAt(), j.startedAt(), now(),
                    result, null));
        } catch (RuntimeException e) {
            // One line naming the cause, never the failed statement with the course text it carried.
            String cause = Errors.describe(e);
            LOG.warn("job {} ({} of {}) failed: {}", id, queued.kind(), queued.course(), cause);
            // A job's error is shown over the API: the driver's words about an outage would name hosts and ports.
            String message = DatabaseUnavailable.isCauseOf(e) ? "the database became unavailable; request the job again"
                    : cause;
            // The whole chain only on demand: a failed batch's exception repeats its statements with their values.
            LOG.debug("job {} failed", id, e);
            update(id, j -> new Job(id, j.kind(), j.course(), "failed", null, j.submittedAt(), j.startedAt(), now(),
                    null, message));
        }
    }

    private synchronized void put(Job job) {
        jobs.put(job.id(), job);
        if (jobs.size() > KEPT) {
            jobs.entrySet().stream().filter(e -> e.getValue().finishedAt() != null).findFirst()
                    .ifPresent(oldest -> {
                        jobs.remove(oldest.getKey());
                        directories.remove(oldest.getKey());
                    });
        }
    }

    private synchronized void update(String id, java.util.function.UnaryOperator<Job> change) {
        jobs.computeIfPresent(id, (k, j) -> change.apply(j));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        runner.shutdownNow();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.kb.app;

import dev.kb.common.Conflict;
import dev.kb.common.DatabaseUnavailable;
import dev.kb.common.Errors;
import dev.kb.common.NotFound;
import dev.kb.ingest.IndexProgress;
import dev.kb.ingest.IndexRunReport;
import dev.kb.store.JobRow;
import dev.kb.store.JobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Index runs requested over the API, run one after another on a background thread of this process, and recorded in
 * PostgreSQL ({@link JobStore}): every kb process on the database answers for every job, and a job outlives a
 * restart. This process renews the lease of the jobs it holds every third of the lease; one whose process died
 * is failed when its lease ends, by whichever process looks first (every renewal looks at all of them).
 */
public final class Jobs implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    /** How long a finished job can still be asked about. */
    static final Duration KEPT = Duration.ofDays(7);
    /** Progress is written at most this often (a phase change at once): a run reports every file. */
    private static final long PROGRESS_EVERY_NANOS = Duration.ofMillis(500).toNanos();

    private final JobStore store;
    private final Duration lease;
    /** This process among those on the database: the owner of the jobs it runs. */
    private final String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> daemon(r, "kb-jobs"));
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "kb-job-leases"));
    /**
     * The directory each unfinished job of this process reads (links resolved): part of what makes two requests
     * the same. Only this process's: another process's paths name its own file system.
     */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private record Pending(String course, Path directory) {
    }

    public Jobs(JobStore store, Duration lease) {
        this.store = store;
        this.lease = lease;
        long every = Math.max(1, lease.toMillis() / 3);
        leases.scheduleWithFixedDelay(this::keepLeases, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues work that indexes a course from a directory; the work reports its progress to what it is given. A
     * request identical to one of this process's that is already waiting (same kind, course and directory) gets
     * that job: the waiting run will read the files as they are when it starts, so a second one would add nothing,
     * and a client asking every few seconds cannot grow the queue without bound.
     *
     * @throws Conflict when a job for the course that is queued or running reads another directory: both cannot
     *                  be the course, and telling both clients "accepted" would make one of them wrong
     */
    public synchronized Job submit(String kind, String course, Path directory,
                                   Function<IndexProgress, IndexRunReport> work) {
        requireSameDirectory(course, directory);
        var waiting = store.queued(owner, kind, course);
        if (waiting.isPresent()) {
            return get(waiting.get());
        }
        String id = UUID.randomUUID().toString();
        store.insert(id, kind, course, owner, lease);
        pending.put(id, new Pending(course, directory));
        // Read before it can start: the answer to the request says "queued", as the job was when accepted.
        Job queued = get(id);
        runner.submit(() -> run(id, kind, course, work));
        return queued;
    }

    /** Refuses a directory for a course while a job for it that reads another one is queued or running. */
    public synchronized void requireSameDirectory(String course, Path directory) {
        for (Pending job : pending.values()) {
            if (job.course().equals(course) && !job.directory().equals(directory)) {
                // The other directory is not said: error bodies name no server paths.
                throw new Conflict("the course id '" + course + "' is being indexed from another directory");
            }
        }
    }

    /** The job, whichever process runs it; failed first if its lease has ended. */
    public Job get(String id) {
        store.expire(id);
        return store.find(id).map(Jobs::job).orElseThrow(() -> new NotFound("job", id));
    }

    private void run(String id, String kind, String course, Function<IndexProgress, IndexRunReport> work) {
        try {
            if (!store.start(id)) {
                return;
            }
            IndexRunReport r = work.apply(new Progress(id));
            // No report: nothing needed indexing (a sync that found the commit indexed already).
            if (r == null) {
                store.succeed(id, null, 0, 0, 0, 0, 0);
            } else {
                store.succeed(id, r.runId(), r.filesScanned(), r.filesParsed(), r.filesUnchanged(), r.filesRemoved(),
                        r.issues().size());
            }
        } catch (RuntimeException e) {
            // One line naming the cause, never the failed statement with the course text it carried.
            String cause = Errors.describe(e);
            LOG.warn("job {} ({} of {}) failed: {}", id, kind, course, cause);
            // A job's error is shown over the API: the driver's words about an outage would name hosts and ports.
            String message = DatabaseUnavailable.isCauseOf(e) ? "the database became unavailable; request the job again"
                    : cause;
            // The whole chain only on demand: a failed batch's exception repeats its statements with their values.
            LOG.debug("job {} failed", id, e);
            try {
                store.fail(id, message);
            } catch (RuntimeException unrecorded) {
                // PostgreSQL is gone too: the lease will end, and whoever notices records the job as failed.
                LOG.warn("job {}: its failure could not be recorded ({})", id, Errors.describe(unrecorded));
            }
        } finally {
            pending.remove(id);
        }
    }

    /** Writes a running job's progress now and then; a write that fails only leaves the progress older. */
    private final class Progress implements IndexProgress {
        private final String id;
        private String phase;
        private long written;

        Progress(String id) {
            this.id = id;
        }

        @Override
        public void update(String phase, int done, int total) {
            long now = System.nanoTime();
            if (phase.equals(this.phase) && now - written < PROGRESS_EVERY_NANOS && done != total) {
                return;
            }
            this.phase = phase;
            written = now;
            try {
                store.progress(id, phase, done, total);
            } catch (RuntimeException e) {
                LOG.debug("job {}: progress not recorded ({})", id, Errors.describe(e));
            }
        }
    }

    private void keepLeases() {
        try {
            store.renew(owner, lease);
            int expired = store.expire(null);
            if (expired > 0) {
                LOG.warn("{} job(s) of a kb process that stopped are recorded as failed (their lease expired)", expired);
            }
            store.prune(KEPT);
        } catch (RuntimeException e) {
            // PostgreSQL is away: the next renewal tries again; a lease that ends meanwhile fails its job.
            LOG.debug("job leases not renewed ({})", Errors.describe(e));
        }
    }

    private static Job job(JobRow r) {
        Job.Progress progress = r.progressPhase() == null ? null
                : new Job.Progress(r.progressPhase(), r.progressDone(), r.progressTotal());
        Job.Result result = r.runId() == null ? null : new Job.Result(r.runId(), r.filesScanned(), r.filesParsed(),
                r.filesUnchanged(), r.filesRemoved(), r.issues());
        return new Job(r.id(), r.kind(), r.courseId(), r.state(), progress, utc(r.submittedAt()), utc(r.startedAt()),
                utc(r.finishedAt()), result, r.error());
    }

    private static java.time.OffsetDateTime utc(java.time.OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops running jobs; those this process will not finish are recorded as failed, so nobody waits for them. */
    @Override
    public void close() {
        leases.shutdownNow();
        runner.shutdownNow();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.failOwned(owner, "interrupted: kb stopped before the job finished; request the job again");
        } catch (RuntimeException e) {
            LOG.debug("unfinished jobs not recorded as failed ({}); their leases will end", Errors.describe(e));
        }
    }
}

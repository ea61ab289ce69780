package dev.kb.bench;

import dev.kb.app.Job;
import dev.kb.app.Kb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Re-indexes a course every period, the way {@code POST /api/v1/courses/{course}/reindex} does (full: every file
 * parsed again and the course's search documents rebuilt; incremental: what a trainer's save does) ({@link Kb#reindexLater} and its job), until stopped. Before each run one file gets a new last line, so
 * every run really changes what is searchable. One run at a time: a run slower than the period is followed at
 * once by the next, instead of queueing up runs the load would then have to wait out.
 */
final class Reindexer implements AutoCloseable {
    /**
     * Runs that succeeded and failed, how long they took (from request to finished job), the seconds spent in each
     * phase of the job over all runs (seen by polling), and why some failed.
     */
    record Figures(int done, int failed, double meanSeconds, double maxSeconds, Map<String, Double> phaseSeconds,
                   List<String> errors) {
    }

    private static final Duration POLL = Duration.ofMillis(20);
    private static final int DESCRIBED = 10;

    private final Kb kb;
    private final String course;
    private final Path file;
    private final byte[] original;
    private final long periodNanos;
    private final boolean full;
    private final Thread thread = new Thread(this::loop, "reindexer");
    private final List<Double> seconds = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final Map<String, Double> phases = new LinkedHashMap<>();
    private int failed;
    private volatile boolean stopping;

    private Reindexer(Kb kb, String course, Path file, Duration period, boolean full) throws IOException {
        this.full = full;
        this.kb = kb;
        this.course = course;
        this.file = file;
        this.original = Files.readAllBytes(file);
        this.periodNanos = period.toNanos();
        thread.setDaemon(true);
    }

    /** Starts re-indexing {@code course} now and every {@code period}, changing {@code file} before each run. */
    static Reindexer start(Kb kb, String course, Path file, Duration period, boolean full) throws IOException {
        Reindexer r = new Reindexer(kb, course, file, period, full);
        r.thread.start();
        return r;
    }

    private void loop() {
        long due = System.nanoTime() + periodNanos;
        for (int run = 1; ; run++) {
            for (long now = System.nanoTime(); now < due && !stopping; now = System.nanoTime()) {
                LockSupport.parkNanos(this, due - now);
            }
            if (stopping) {
                return;
            }
            long started = System.nanoTime();
            String error = reindex(run);
            synchronized (this) {
                if (error == null) {
                    seconds.add((System.nanoTime() - started) / 1e9);
                } else {
                    failed++;
                    if (errors.size() < DESCRIBED) {
                        errors.add("run " + run + ": " + error);
                    }
                }
            }
            due = Math.max(due + periodNanos, System.nanoTime());
        }
    }

    /** Null when the run succeeded, else why not. */
    private String reindex(int run) {
        try {
            Files.write(file, (new String(original, StandardCharsets.UTF_8) + "\n\nReliability re-index " + run
                    + ".\n").getBytes(StandardCharsets.UTF_8));
            Job job = kb.reindexLater(course, full);
            for (long seen = System.nanoTime(); !job.state().equals("succeeded") && !job.state().equals("failed"); ) {
                String phase = job.progress() == null ? job.state() : job.progress().phase();
                LockSupport.parkNanos(POLL.toNanos());
                job = kb.jobs().get(job.id());
                long now = System.nanoTime();
                synchronized (this) {
                    phases.merge(phase, (now - seen) / 1e9, Double::sum);
                }
                seen = now;
            }
            return job.state().equals("failed") ? job.error() : null;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Lets a run in progress finish (so it counts), stops, and tells what was done. */
    Figures stop() throws InterruptedException {
        stopping = true;
        LockSupport.unpark(thread);
        thread.join(TimeUnit.MINUTES.toMillis(5));
        if (thread.isAlive()) {
            throw new IllegalStateException("a re-index did not finish within 5 minutes of the load's end");
        }
        synchronized (this) {
            return new Figures(seconds.size(), failed,
                    seconds.stream().mapToDouble(Double::doubleValue).average().orElse(0),
                    seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0),
                    Collections.unmodifiableMap(new LinkedHashMap<>(phases)),
                    List.copyOf(errors));
        }
    }

    /** Stops (if {@link #stop} was not called) and puts the changed file back. */
    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
        try {
            Files.write(file, original);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot restore " + file, e);
        }
    }
}

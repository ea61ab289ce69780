package dev.kb.app;

import java.time.OffsetDateTime;

/**
 * A background index run and how it goes. {@code state}: queued, running, succeeded or failed; {@code progress}
 * the phase of a running job (scan, parse, store, search index) and how far it is; {@code result} what a
 * finished run did; {@code error} why a job failed.
 */
public record Job(String id, String kind, String course, String state, Progress progress, OffsetDateTime submittedAt,
                  OffsetDateTime startedAt, OffsetDateTime finishedAt, Result result, String error) {

    public record Progress(String phase, int done, int total) {
    }

    /** {@code issues}: files the run skipped, truncated or repaired. */
    public record Result(long runId, int filesScanned, int filesParsed, int filesUnchanged, int filesRemoved,
                         int issues) {
    }
}

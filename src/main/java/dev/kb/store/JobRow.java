package dev.kb.store;

import java.time.OffsetDateTime;

/**
 * A job as stored: the job of the API, its parts as it names them. {@code runId} and the counts are null until
 * the job succeeded with an index run; the progress is null unless it is running.
 */
public record JobRow(String id, String kind, String courseId, String state, String progressPhase, Integer progressDone,
                     Integer progressTotal, OffsetDateTime submittedAt, OffsetDateTime startedAt,
                     OffsetDateTime finishedAt, Long runId, Integer filesScanned, Integer filesParsed,
                     Integer filesUnchanged, Integer filesRemoved, Integer issues, String error) {
}

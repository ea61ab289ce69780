package dev.kb.store;

import java.time.OffsetDateTime;

public record IndexRunRow(long id, String courseId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String state,
                          int filesScanned, int filesParsed, int filesUnchanged, int filesRemoved, String error) {
}

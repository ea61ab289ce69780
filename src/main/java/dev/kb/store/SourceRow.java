package dev.kb.store;

import java.time.OffsetDateTime;

/**
 * Where a course comes from, as stored: {@code kind} directory or git; for git the URL without credentials, the ref
 * and subdirectory as configured, the commit last indexed and the last fetch's time and error (null when it worked).
 */
public record SourceRow(String courseId, String kind, String url, String ref, String subdir, String commitSha,
                        OffsetDateTime commitAt, String commitMessage, String commitRef, OffsetDateTime fetchedAt,
                        String fetchError) {
}

package dev.kb.course;

import dev.kb.store.SourceRow;
import java.time.OffsetDateTime;

/**
 * Where a course comes from, as users see it: {@code kind} {@code directory} (no server path is shown) or
 * {@code git} with the URL without credentials, the ref and subdirectory as configured, the commit indexed and the
 * last fetch (its error, when it failed: the course then serves the commit indexed).
 */
public record SourceView(String kind, String url, String ref, String subdir, CommitView commit, FetchView lastFetch) {

    public record CommitView(String sha, OffsetDateTime date, String message) {
    }

    public record FetchView(OffsetDateTime at, String error) {
    }

    static SourceView of(SourceRow row) {
        return new SourceView(row.kind(), row.url(), row.ref(), row.subdir(),
                row.commitSha() == null ? null : new CommitView(row.commitSha(), row.commitAt(), row.commitMessage()),
                row.fetchedAt() == null ? null : new FetchView(row.fetchedAt(), row.fetchError()));
    }
}

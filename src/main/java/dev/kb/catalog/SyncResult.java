package dev.kb.catalog;

import dev.kb.ingest.IndexRunReport;
import java.util.List;

/**
 * What one sync of a course did: {@code indexed} a new commit (or a directory), found it {@code unchanged}, or
 * {@code failed} (the course keeps its last indexed commit; {@code error} says why). {@code changedFiles}: the files
 * the git diff names between the indexed commit and the new one (null when it cannot say): the index run reads only
 * those; without them it compares every file's hash.
 */
public record SyncResult(String courseId, Outcome outcome, Commit commit, String error, List<String> changedFiles,
                         IndexRunReport report) {
    public enum Outcome { INDEXED, UNCHANGED, FAILED }
}

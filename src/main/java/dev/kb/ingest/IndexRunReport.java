package dev.kb.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one index run did. {@code changedIds} and {@code removedIds} name the documents whose stored text
 * changed, so the search index can follow without rebuilding everything; {@code rebuildCourse} says a change
 * reaches beyond them (the agenda, the set of files, which documents are handouts), so the course's search
 * documents must all be rebuilt.
 */
public record IndexRunReport(
        long runId,
        String courseId,
        String title,
        int filesScanned,
        int filesParsed,
        int filesUnchanged,
        int filesRemoved,
        List<RunIssue> issues,
        Set<String> changedIds,
        Set<String> removedIds,
        boolean rebuildCourse,
        Duration elapsed) {
}

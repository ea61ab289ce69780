package dev.kb.ingest;

import dev.kb.model.RunIssue;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one index run did. {@code changedIds} and {@code removedIds} name the documents whose stored text
 * changed, so the search index can follow without rebuilding everything; {@code rebuildCourse} asks for all the
 * course's search documents to be rebuilt (a full run). The search index is told the topics to update (see
 * {@code IngestService#index}), which may be more than these: topics an agenda change touched, topics whose
 * handout verdict changed. {@code filesRead}: the markdown files read from disk (and hashed); fewer than scanned
 * when a git diff said which ones changed.
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
        Duration elapsed,
        int filesRead) {
}

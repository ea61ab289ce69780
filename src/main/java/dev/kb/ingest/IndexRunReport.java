package dev.kb.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one index run did. {@code changedIds} and {@code removedIds} name the topic documents whose stored
 * text changed, so the search index can follow without rebuilding everything.
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
        boolean agendaChanged,
        Duration elapsed) {
}

package dev.kb.cli;

import static dev.kb.common.PlainText.visible;

import dev.kb.ingest.IndexRunReport;
import dev.kb.model.RunIssue;
import java.io.PrintWriter;

/** The few lines an index run prints on the terminal. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(PrintWriter out, IndexRunReport r) {
        // Titles, paths and reasons quote the course, whose escape sequences must not reach the terminal.
        out.printf("Indexed %s (\"%s\") in %d ms: %d files, %d parsed, %d unchanged, %d removed%n", r.courseId(),
                visible(r.title()), r.elapsed().toMillis(), r.filesScanned(), r.filesParsed(), r.filesUnchanged(),
                r.filesRemoved());
        for (RunIssue issue : r.issues()) {
            out.printf("  %-9s %s: %s%n", issue.severity().dbName(), visible(issue.path()), visible(issue.reason()));
        }
        out.flush();
    }
}

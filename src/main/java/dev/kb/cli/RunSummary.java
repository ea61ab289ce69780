package dev.kb.cli;

import dev.kb.ingest.IndexRunReport;
import dev.kb.ingest.RunIssue;
import java.io.PrintWriter;

/** The few lines an index run prints on the terminal. */
final class RunSummary {
    private RunSummary() {
    }

    static void print(PrintWriter out, IndexRunReport r) {
        out.printf("Indexed %s (\"%s\") in %d ms: %d files, %d parsed, %d unchanged, %d removed%n", r.courseId(),
                r.title(), r.elapsed().toMillis(), r.filesScanned(), r.filesParsed(), r.filesUnchanged(),
                r.filesRemoved());
        for (RunIssue issue : r.issues()) {
            out.printf("  %-9s %s: %s%n", issue.severity().dbName(), issue.path(), issue.reason());
        }
        out.flush();
    }
}

package dev.kb.cli;

import dev.kb.references.ReferenceChecks;
import java.io.PrintWriter;

/** The line a link check prints. */
final class LinkSummary {
    private LinkSummary() {
    }

    static void print(PrintWriter out, ReferenceChecks.Summary s) {
        StringBuilder statuses = new StringBuilder();
        s.byStatus().forEach((status, n) -> statuses.append(statuses.isEmpty() ? "" : ", ").append(n).append(' ').append(status));
        out.printf("Checked external links of %s: %d references, %d checked now, %d from the cache%s%n", s.courseId(),
                s.references(), s.checked(), s.cached(), statuses.isEmpty() ? "" : " (" + statuses + ")");
        out.flush();
    }
}

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

    /**
     * One line when most links could not reach their host: the machine is more likely offline than the web broken,
     * and {@code advice} says what to do about it.
     */
    static void hintWhenOffline(PrintWriter err, ReferenceChecks.Summary s, String advice) {
        if (s.likelyOffline()) {
            err.printf("kb: %d of %d external links could not reach their host (DNS or connection errors): is this "
                    + "machine offline? %s%n", s.unreachable(), s.references(), advice);
            err.flush();
        }
    }
}

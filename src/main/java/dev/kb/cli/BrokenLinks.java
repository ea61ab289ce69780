package dev.kb.cli;

import java.io.PrintWriter;

/**
 * Why {@code coverage} and {@code check-links} exit with 3, said on stderr: their list is on stdout, which a course's
 * CI job may well write to a file.
 */
final class BrokenLinks {
    private BrokenLinks() {
    }

    /** E.g. "kb: 3 broken local links (see "Broken links" in the report); exit 3". */
    static void say(PrintWriter err, long count, String kind, String where, int exitCode) {
        err.printf("kb: %d broken %s%s (%s); exit %d%n", count, kind, count == 1 ? "" : "s", where, exitCode);
        err.flush();
    }
}

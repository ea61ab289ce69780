package dev.kb.cli;

import dev.kb.ingest.IndexProgress;
import dev.kb.references.LinkChecker;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * What {@code serve} is doing while it starts, one short line per step on stderr (stdout may be piped), so nobody
 * stares at a silent terminal for the seconds PostgreSQL and indexing take. Parsing draws a progress bar when a
 * person watches.
 */
final class StartupStatus implements Consumer<String> {
    private final PrintWriter err;
    private final boolean terminal;

    StartupStatus(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    static StartupStatus onStderr(PrintWriter err) {
        return new StartupStatus(err, System.console() != null);
    }

    @Override
    public void accept(String step) {
        err.println("kb: " + step);
        err.flush();
    }

    /** The steps of one index run: a line when a phase begins; while files are parsed, the bar on a terminal. */
    IndexProgress indexing(String courseId) {
        return new IndexProgress() {
            private String phase = "";
            private LinkChecker.Progress bar = LinkChecker.Progress.NONE;

            @Override
            public synchronized void update(String next, int done, int total) {
                if (!next.equals(phase)) {
                    phase = next;
                    begin(next, total);
                }
                if (next.equals("parse") && total > 0) {
                    bar.update(done, total);
                }
            }

            private void begin(String next, int total) {
                switch (next) {
                    case "scan" -> accept("indexing " + courseId + ": reading its files");
                    case "parse" -> {
                        accept(total == 0 ? "no file changed since the last run" : "parsing " + total + " new or changed files");
                        bar = terminal && total > 0 ? new ProgressBar(err, "parsing") : LinkChecker.Progress.NONE;
                    }
                    case "store" -> accept("storing the run in PostgreSQL");
                    case "search index" -> accept("updating the search index");
                    default -> {
                        // Steps inside the ones above (course-wide verdicts) need no line of their own.
                    }
                }
            }
        };
    }
}

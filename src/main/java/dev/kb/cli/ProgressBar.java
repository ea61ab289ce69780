package dev.kb.cli;

import dev.kb.references.LinkChecker;
import java.io.PrintWriter;

/**
 * A one-line progress bar on the terminal, redrawn in place. Only drawn when a person watches (a console is
 * attached), so logs and pipes stay clean.
 */
final class ProgressBar implements LinkChecker.Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private int lastDrawn = -1;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    static LinkChecker.Progress onTerminal(PrintWriter err, String label) {
        return System.console() == null ? LinkChecker.Progress.NONE : new ProgressBar(err, label);
    }

    @Override
    public synchronized void update(int done, int total) {
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        if (filled == lastDrawn && done != total) {
            return;
        }
        lastDrawn = filled;
        err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
        if (done == total) {
            err.println();
        }
        err.flush();
    }
}

package dev.kb.ingest;

import com.vladsch.flexmark.util.ast.Node;
import java.util.Arrays;

/**
 * The line each node of a parsed markdown file starts on. flexmark's own line lookup scans from the start of the
 * file for every node; this looks the offset up among the offsets where each line starts.
 */
final class LineIndex {
    private final int[] lineStarts;

    LineIndex(CharSequence text) {
        int[] starts = new int[16];
        int n = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // A line ends at \n, \r\n or a lone \r, as flexmark counts them.
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, n);
    }

    /** The 1-based line a node starts on. */
    int lineOf(Node node) {
        int at = Arrays.binarySearch(lineStarts, node.getStartOffset());
        return at >= 0 ? at + 1 : -at - 1;
    }
}

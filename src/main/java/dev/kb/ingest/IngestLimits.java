package dev.kb.ingest;

/**
 * Bounds that keep one hostile file from stalling a run or exhausting memory. A file over a bound is still
 * indexed, cut down to it, and the run reports what was cut (TRUNCATED) so the trainer can see it.
 *
 * @param maxFileBytes      bytes of a markdown file that are read; the rest is dropped
 * @param maxLinksPerDocument links of one document that are kept (and resolved, stored and checked)
 * @param maxNestingDepth   block quotes and lists nested deeper than this are flattened to this depth
 * @param maxParagraphChars a paragraph longer than this is split; flexmark's inline parser costs grow with
 *                          the square of a paragraph's length, so one endless line could stall a run
 */
public record IngestLimits(int maxFileBytes, int maxLinksPerDocument, int maxNestingDepth, int maxParagraphChars) {
    // Constants, so the command line's help and defaults read them from here.
    public static final int DEFAULT_FILE_BYTES = 2 * 1024 * 1024;
    public static final int DEFAULT_LINKS = 2_000;
    public static final int DEFAULT_NESTING = 32;
    /** Above the longest paragraph of the real course (3822 characters), so real text passes unchanged. */
    public static final int DEFAULT_PARAGRAPH_CHARS = 4_096;
    public static final IngestLimits DEFAULT = new IngestLimits(DEFAULT_FILE_BYTES, DEFAULT_LINKS, DEFAULT_NESTING,
            DEFAULT_PARAGRAPH_CHARS);

    public IngestLimits {
        atLeast("max file bytes", maxFileBytes, 1024);
        atLeast("max links per document", maxLinksPerDocument, 1);
        atLeast("max nesting depth", maxNestingDepth, 1);
        atLeast("max paragraph chars", maxParagraphChars, 256);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
        }
    }
}

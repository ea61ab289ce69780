package dev.kb.ingest;

import dev.kb.common.IndexConfig;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Identifies what parsing produces: the parser's own revision plus the configuration that shapes its results
 * (language words, categories, handout thresholds). Stored with every document; when it differs, the document
 * is parsed again, so editing {@code index/} takes effect on the next run without touching the course.
 */
public final class ParserVersion {
    /** Bump when the parser's code changes what is stored. */
    private static final int REVISION = 7;
    private static final int CURRENT = compute();

    private ParserVersion() {
    }

    public static int current() {
        return CURRENT;
    }

    /** The version of documents parsed under these limits (they decide what is kept of a hostile file). */
    public static int of(IngestLimits limits) {
        return (31 * CURRENT + limits.hashCode()) & Integer.MAX_VALUE;
    }

    private static int compute() {
        Properties ranking = IndexConfig.properties("ranking.properties");
        TreeMap<String, String> handout = new TreeMap<>();
        ranking.stringPropertyNames().stream().filter(k -> k.startsWith("handout."))
                .forEach(k -> handout.put(k, ranking.getProperty(k).strip()));
        String fingerprint = REVISION + "|" + IndexConfig.lines("language-words.txt") + "|"
                + IndexConfig.lines("categories.txt") + "|" + handout + "|" + DeclaredPrerequisites.fingerprint();
        return fingerprint.hashCode() & Integer.MAX_VALUE;
    }
}

package dev.kb.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Heading anchors as GitHub renders them, so a {@code #fragment} written against GitHub resolves here too.
 * Follows github-slugger: lower-case, drop everything but letters, marks, numbers, connector
 * punctuation, hyphens and spaces, then spaces become hyphens; repeated slugs get -1, -2, … .
 * One instance per document, because the numbering of duplicates is per document.
 */
public final class Anchors {
    private static final Pattern DROPPED = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private final Map<String, Integer> seen = new HashMap<>();

    public static String slug(String headingText) {
        return DROPPED.matcher(headingText.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    public String next(String headingText) {
        String base = slug(headingText);
        String candidate = base;
        while (seen.containsKey(candidate)) {
            int n = seen.merge(base, 1, Integer::sum);
            candidate = base + "-" + n;
        }
        seen.put(candidate, 0);
        return candidate;
    }
}

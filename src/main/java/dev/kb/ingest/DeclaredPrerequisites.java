package dev.kb.ingest;

import dev.kb.common.IndexConfig;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a trainer declares prerequisites ({@code index/graph.properties}): front matter keys such as
 * {@code prerequisites:}, and sections headed "Prerequisites" or "Voraussetzungen" whose links name them.
 */
final class DeclaredPrerequisites {
    private static final Properties GRAPH = IndexConfig.properties("graph.properties");
    static final Set<String> HEADINGS = list("declared.headings");
    static final Set<String> FRONT_MATTER_KEYS = list("declared.front-matter-keys");

    private DeclaredPrerequisites() {
    }

    /** "Prerequisites:", "## Voraussetzungen" and the like. */
    static boolean isDeclaringHeading(String heading) {
        String normalized = heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} ]", " ").strip()
                .replaceAll("\\s+", " ");
        return HEADINGS.contains(normalized);
    }

    /** A front matter value as a list of targets: YAML list items, or one comma-separated line. */
    static List<String> targets(List<String> values) {
        return values.stream().flatMap(v -> List.of(v.split(",")).stream())
                .map(v -> v.strip().replaceAll("^[\"']|[\"']$", ""))
                .filter(v -> !v.isEmpty())
                .toList();
    }

    /** Sorted: a set's iteration order differs from one JVM to the next, and so would every parser version. */
    static String fingerprint() {
        return new java.util.TreeSet<>(HEADINGS) + "|" + new java.util.TreeSet<>(FRONT_MATTER_KEYS);
    }

    private static Set<String> list(String key) {
        String value = GRAPH.getProperty(key, "");
        return List.of(value.split(",")).stream().map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }
}

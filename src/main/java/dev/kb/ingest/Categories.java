package dev.kb.ingest;

import dev.kb.common.IndexConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What kind of material a document is (exercise, walkthrough, overview, reference), from the words of its file
 * name and title as listed in {@code index/categories.txt}; the first kind that matches wins.
 */
public final class Categories {
    public static final String REFERENCE = "reference";
    private static final Map<String, List<String>> KINDS = load();

    private Categories() {
    }

    public static Set<String> all() {
        return KINDS.keySet();
    }

    public static String of(String path, String title) {
        String name = path.substring(path.lastIndexOf('/') + 1).replaceFirst("\\.[^.]*$", "");
        String words = " " + words(name + " " + title) + " ";
        for (Map.Entry<String, List<String>> kind : KINDS.entrySet()) {
            for (String keyword : kind.getValue()) {
                if (words.contains(" " + keyword + " ")) {
                    return kind.getKey();
                }
            }
        }
        return REFERENCE;
    }

    /** Lower case, every run of non-letters one space: "Step-by-Step_Install" becomes "step by step install". */
    private static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static Map<String, List<String>> load() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        for (String line : IndexConfig.lines("categories.txt")) {
            int colon = line.indexOf(':');
            kinds.put(line.substring(0, colon).strip(),
                    List.of(line.substring(colon + 1).strip().split("\\s+")).stream().map(Categories::words).toList());
        }
        kinds.putIfAbsent(REFERENCE, List.of());
        return kinds;
    }
}

package dev.kb.search;

import dev.kb.common.IndexConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;

/**
 * The reviewed synonym groups of {@code index/synonyms.txt}, applied at query time: a run of the user's words
 * that matches one member of a group stands for every member. Matching ignores case, umlauts and ß.
 */
final class Synonyms {
    /** The longest member, in words: how far a match may reach. */
    private final int longest;
    private final Map<String, List<String>> groups;

    private static final Analyzer NORMALIZE =
            Analyses.chain(source -> new GermanNormalizationFilter(new LowerCaseFilter(source)));

    private Synonyms(Map<String, List<String>> groups, int longest) {
        this.groups = groups;
        this.longest = longest;
    }

    static Synonyms configured() {
        Map<String, List<String>> groups = new HashMap<>();
        int longest = 1;
        for (String line : IndexConfig.lines("synonyms.txt")) {
            List<String> members = List.of(line.split("\\s*,\\s*"));
            for (String member : members) {
                String key = normalize(member);
                longest = Math.max(longest, key.split(" ").length);
                groups.put(key, members);
            }
        }
        return new Synonyms(Map.copyOf(groups), longest);
    }

    /** A run of words that matched a group: words [start, end) of the input, and the group's members. */
    record Match(int start, int end, List<String> members) {
    }

    /** Longest matches first, left to right; words in no group are not in the result. */
    List<Match> find(List<String> words) {
        List<String> normalized = words.stream().map(Synonyms::normalize).toList();
        List<Match> matches = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            Match found = null;
            for (int end = Math.min(words.size(), i + longest); end > i && found == null; end--) {
                List<String> members = groups.get(String.join(" ", normalized.subList(i, end)));
                if (members != null) {
                    found = new Match(i, end, members);
                }
            }
            if (found != null) {
                matches.add(found);
                i = found.end();
            } else {
                i++;
            }
        }
        return matches;
    }

    static String normalize(String text) {
        return String.join(" ", QueryBuilder.analyze(NORMALIZE, text));
    }
}

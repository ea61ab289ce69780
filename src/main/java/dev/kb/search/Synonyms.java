package dev.kb.search;

import dev.kb.common.IndexConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;

/**
 * The reviewed synonym groups of {@code index/synonyms.txt} and German ↔ English terms of
 * {@code index/terms-de-en.txt}, applied at query time: a run of the user's words that matches one member of a
 * group is also searched as every other member. Matching ignores case, umlauts, ß and German inflection endings;
 * a word in several groups has the members of all.
 */
final class Synonyms {
    /** The longest member, in words: how far a match may reach. */
    private final int longest;
    private final Map<String, List<String>> groups;

    private static final Analyzer NORMALIZE =
            Analyses.chain(source -> new GermanLightStemFilter(new GermanNormalizationFilter(new LowerCaseFilter(source))));

    /** Every member as written (case, umlauts and ß ignored, not inflection). */
    private final java.util.Set<String> listed;

    private static final Analyzer FOLD =
            Analyses.chain(source -> new GermanNormalizationFilter(new LowerCaseFilter(source)));

    private Synonyms(Map<String, List<String>> groups, int longest) {
        this.groups = groups;
        this.longest = longest;
        this.listed = groups.values().stream().flatMap(List::stream)
                .map(m -> String.join(" ", QueryBuilder.analyze(FOLD, m))).collect(java.util.stream.Collectors.toSet());
    }

    /** Whether the word is a member of a group as typed (a typo of a member is not). */
    boolean lists(String word) {
        return listed.contains(String.join(" ", QueryBuilder.analyze(FOLD, word)));
    }

    static Synonyms configured() {
        Map<String, List<String>> groups = new HashMap<>();
        int longest = 1;
        List<String> lines = new ArrayList<>(IndexConfig.lines("synonyms.txt"));
        lines.addAll(IndexConfig.lines("terms-de-en.txt"));
        for (String line : lines) {
            List<String> members = List.of(line.split("\\s*,\\s*"));
            for (String member : members) {
                String key = normalize(member);
                longest = Math.max(longest, key.split(" ").length);
                groups.merge(key, members, (a, b) -> List.copyOf(new java.util.LinkedHashSet<>(
                        java.util.stream.Stream.concat(a.stream(), b.stream()).toList())));
            }
        }
        return new Synonyms(Map.copyOf(groups), longest);
    }

    /**
     * The English terms of {@code index/terms-de-en.txt} by their German one (the first of each line): what a German
     * question says in the words an English-only model knows.
     */
    static Synonyms englishOfGerman() {
        Map<String, List<String>> groups = new HashMap<>();
        int longest = 1;
        for (String line : IndexConfig.lines("terms-de-en.txt")) {
            List<String> members = List.of(line.split("\\s*,\\s*"));
            String key = normalize(members.get(0));
            longest = Math.max(longest, key.split(" ").length);
            groups.merge(key, members.subList(1, members.size()), (a, b) -> List.copyOf(new java.util.LinkedHashSet<>(
                    java.util.stream.Stream.concat(a.stream(), b.stream()).toList())));
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

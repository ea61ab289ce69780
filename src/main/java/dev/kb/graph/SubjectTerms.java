package dev.kb.graph;

import dev.kb.common.IndexConfig;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The subject of a topic as words: its title without the words that say nothing about a subject
 * ({@code index/title-stopwords.txt}), so "Securing kubelet" is about "kubelet" and "AdmissionController -
 * Overview" about "admission controller". Words are compared lower case, accents folded, camelCase split.
 */
final class SubjectTerms {
    /** Marks that separate the subjects of a title; a hyphen inside a word ("non-root") does not. */
    private static final Pattern PUNCTUATION = Pattern.compile("[&,:;/()|?!+–—]|\\s-\\s");
    private static final Set<String> STOPWORDS = IndexConfig.lines("title-stopwords.txt").stream()
            .flatMap(l -> List.of(l.split("\\s+")).stream())
            .map(SubjectTerms::normalize)
            .collect(Collectors.toUnmodifiableSet());

    private SubjectTerms() {
    }

    /**
     * The runs of subject words of a title, each a phrase; stop words and punctuation end a run:
     * "Services &amp; DNS" → [services], [dns]; "Run as non-root" → [run], [non, root].
     */
    static List<List<String>> of(String title) {
        List<List<String>> terms = new ArrayList<>();
        for (String part : PUNCTUATION.split(title)) {
            List<String> run = new ArrayList<>();
            for (String word : words(part)) {
                if (STOPWORDS.contains(word) || word.chars().allMatch(Character::isDigit)) {
                    addRun(terms, run);
                } else {
                    run.add(word);
                }
            }
            addRun(terms, run);
        }
        return terms;
    }

    private static void addRun(List<List<String>> terms, List<String> run) {
        if (!run.isEmpty()) {
            terms.add(List.copyOf(run));
            run.clear();
        }
    }

    /** Text as comparable words: camelCase and snake_case split, lower case, accents folded. */
    static List<String> words(String text) {
        String split = text.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ");
        List<String> words = new ArrayList<>();
        for (String w : split.split("[^\\p{L}\\p{N}]+")) {
            String n = normalize(w);
            if (!n.isEmpty()) {
                words.add(n);
            }
        }
        return words;
    }

    static String normalize(String word) {
        String lower = word.toLowerCase(Locale.ROOT).replace("ß", "ss");
        return Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    /** How often the phrase occurs in the words, as consecutive words. */
    static int count(List<String> words, List<String> phrase) {
        int n = 0;
        outer:
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!words.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }

    /** Whether the phrase occurs in the words, as consecutive words. */
    static boolean contains(List<String> words, List<String> phrase) {
        return count(words, phrase) > 0;
    }
}

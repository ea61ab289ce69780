package dev.kb.search;

import dev.kb.ingest.LanguageDetector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How alike an agenda item's title and a topic's title are, in either language: among topics that cover the item's
 * words, the one whose own title says what the item says ("Delete with example" for "Delete with example", "Example
 * left joins" for "Beispiel Left join") is the better answer than one that uses the same words under another title
 * ("LEFT JOIN", "Workbench export" for an import).
 */
final class TitleMatch {
    private final List<String> itemWords;
    /** Per item word, the single-word members of its synonym and translation groups, normalized. */
    private final List<Set<String>> translations;
    private final String itemExact;

    TitleMatch(String itemTitle, Synonyms synonyms) {
        this.itemWords = words(itemTitle);
        this.itemExact = exact(itemTitle);
        this.translations = new ArrayList<>();
        for (String w : itemWords) {
            Set<String> members = new HashSet<>();
            for (Synonyms.Match m : synonyms.find(List.of(w))) {
                m.members().stream().filter(x -> !x.contains(" ")).map(Synonyms::normalize).forEach(members::add);
            }
            translations.add(members);
        }
    }

    /**
     * The share of both titles' content words that have a counterpart in the other (Dice): a word alike
     * ({@link #alike}) or a translation. Exactly the same title scores a little more than the same words in
     * another order or with other function words.
     */
    double similarity(String topicTitle) {
        List<String> title = words(topicTitle == null ? "" : topicTitle);
        if (title.isEmpty() || itemWords.isEmpty()) {
            return 0;
        }
        List<String> normalized = title.stream().map(Synonyms::normalize).toList();
        int matched = 0;
        for (int i = 0; i < itemWords.size(); i++) {
            if (matchesAny(i, title, normalized)) {
                matched++;
            }
        }
        for (int t = 0; t < title.size(); t++) {
            for (int i = 0; i < itemWords.size(); i++) {
                if (matches(i, title.get(t), normalized.get(t))) {
                    matched++;
                    break;
                }
            }
        }
        double dice = (double) matched / (itemWords.size() + title.size());
        return exact(topicTitle).equals(itemExact) ? Math.min(1.0, dice) + EXACT_BONUS : Math.min(1.0, dice);
    }

    /**
     * Whether a topic names one of the item's words by its title, its file name or its folder's name, as the words are
     * meant: every part of the word ("NetworkPolicies": network, policies) alike a word of those names or a
     * translation of one. The search matches a file name only as written, so "simple-exercises-group-en.md" would
     * not name an "Exercise".
     */
    boolean names(String itemWord, String topicTitle, String path) {
        List<String> parts = words(itemWord);
        if (parts.isEmpty()) {
            return false;
        }
        List<String> names = new ArrayList<>(words(topicTitle == null ? "" : topicTitle));
        if (path != null) {
            String[] segments = path.replaceFirst("\\.md$", "").split("/");
            for (int s = Math.max(0, segments.length - 2); s < segments.length; s++) {
                names.addAll(words(segments[s]));
            }
        }
        List<String> normalized = names.stream().map(Synonyms::normalize).toList();
        for (String part : parts) {
            int i = itemWords.indexOf(part);
            boolean named = false;
            for (int t = 0; t < names.size() && !named; t++) {
                named = alike(part, names.get(t)) || i >= 0 && translations.get(i).contains(normalized.get(t));
            }
            if (!named) {
                return false;
            }
        }
        return true;
    }

    /** What the same title written again earns over one with the same content words: enough to break a tie. */
    static final double EXACT_BONUS = 0.1;

    private boolean matchesAny(int i, List<String> title, List<String> normalized) {
        for (int t = 0; t < title.size(); t++) {
            if (matches(i, title.get(t), normalized.get(t))) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(int i, String titleWord, String normalizedTitleWord) {
        return alike(itemWords.get(i), titleWord) || translations.get(i).contains(normalizedTitleWord);
    }

    /** Shorter words ("in", the "a", "s", "o" of "a.s.o") start too many others to be alike any but themselves. */
    private static final int MIN_ALIKE = 3;

    /**
     * Two words alike: one starts the other ("scan", "scanning"), or they share their first five letters; a word
     * shorter than three letters only to itself.
     */
    static boolean alike(String a, String b) {
        if (Math.min(a.length(), b.length()) < MIN_ALIKE) {
            return a.equals(b);
        }
        int common = 0;
        while (common < Math.min(a.length(), b.length()) && a.charAt(common) == b.charAt(common)) {
            common++;
        }
        return common >= Math.min(5, Math.min(a.length(), b.length()));
    }

    /** The content words of a title, lower case, camelCase split. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").toLowerCase(Locale.ROOT)
                .split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !LanguageDetector.isFunctionWord(w)) {
                words.add(w);
            }
        }
        return words;
    }

    /** Every word of the title, function words too, lower case: the title as written, without its punctuation. */
    private static String exact(String text) {
        return String.join(" ", (text == null ? "" : text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")).strip();
    }
}

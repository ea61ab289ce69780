package dev.kb.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Abbreviations in an agenda item's title spelled out by the course's own topic names: "Exercise with PSA" is about
 * the topic named "Pod Security Admission" (or filed as {@code pod-security-admission.md}), whose text may never write
 * "PSA". Only what the course itself spells out counts, so no list of abbreviations is kept.
 */
final class Acronyms {
    /** Two letters spell too many word pairs by chance ("CA": "create account", "cluster autoscaler"). */
    private static final int MIN_LETTERS = 3;
    private static final int MAX_LETTERS = 6;

    private Acronyms() {
    }

    /** A word typed in capitals, three to six letters (a plural "s" allowed): "PSA", "RBAC", "CRDs". */
    static boolean isAcronym(String word) {
        return word.matches("\\p{Lu}{" + MIN_LETTERS + "," + MAX_LETTERS + "}s?");
    }

    /**
     * The words of one of the names whose initials spell the acronym, in a row, lower case ("pod security admission");
     * empty when no name spells it, when names spell it in different ways (then the title does not say which), or
     * when a name uses the abbreviation itself: then it names its own topic ("SQL" is no "slow query log" in a course
     * with a lesson on SQL).
     */
    static Optional<String> expansion(String acronym, Collection<String> names) {
        String letters = acronym.replaceFirst("(?<=\\p{Lu})s$", "").toLowerCase(Locale.ROOT);
        Map<String, Integer> found = new LinkedHashMap<>();
        for (String name : names) {
            List<String> words = words(name);
            if (words.contains(letters) || words.contains(letters + "s")) {
                return Optional.empty();
            }
            for (int start = 0; start + letters.length() <= words.size(); start++) {
                boolean spells = true;
                for (int k = 0; k < letters.length() && spells; k++) {
                    String w = words.get(start + k);
                    spells = w.length() > 1 && w.charAt(0) == letters.charAt(k);
                }
                if (spells) {
                    found.merge(String.join(" ", words.subList(start, start + letters.length())), 1, Integer::sum);
                }
            }
        }
        return found.size() == 1 ? Optional.of(found.keySet().iterator().next()) : Optional.empty();
    }

    /** A name's words, lower case: camelCase, dashes and punctuation split ("PodSecurity-admission"). */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        for (String w : name.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ").toLowerCase(Locale.ROOT)
                .split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }
}

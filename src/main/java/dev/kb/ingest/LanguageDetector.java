package dev.kb.ingest;

import dev.kb.common.IndexConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells German from English by counting function words ({@code index/language-words.txt}): cheap, and reliable
 * on course prose, where a paragraph has a dozen of them. Text with too few is "unknown"; text with plenty of
 * both is "mixed".
 */
public final class LanguageDetector {
    public static final String GERMAN = "de";
    public static final String ENGLISH = "en";
    public static final String MIXED = "mixed";
    public static final String UNKNOWN = "unknown";

    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int MIN_EVIDENCE = 3;
    private static final double DOMINANCE = 2.0;
    private static final Map<String, Set<String>> WORDS = load();

    private LanguageDetector() {
    }

    public static String detect(String text) {
        int de = 0;
        int en = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            String word = m.group().toLowerCase(Locale.ROOT);
            if (WORDS.get(GERMAN).contains(word)) {
                de++;
            } else if (WORDS.get(ENGLISH).contains(word)) {
                en++;
            }
        }
        if (de + en < MIN_EVIDENCE) {
            return UNKNOWN;
        }
        if (de >= DOMINANCE * en) {
            return GERMAN;
        }
        if (en >= DOMINANCE * de) {
            return ENGLISH;
        }
        return MIXED;
    }

    /** A word that carries no subject in either language ("mit", "the", "für"). */
    public static boolean isFunctionWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return WORDS.get(GERMAN).contains(lower) || WORDS.get(ENGLISH).contains(lower);
    }

    private static Map<String, Set<String>> load() {
        Map<String, Set<String>> words = new HashMap<>();
        for (String line : IndexConfig.lines("language-words.txt")) {
            int colon = line.indexOf(':');
            words.put(line.substring(0, colon).strip(), Set.of(line.substring(colon + 1).strip().split("\\s+")));
        }
        if (!words.containsKey(GERMAN) || !words.containsKey(ENGLISH)) {
            throw new IllegalStateException("index/language-words.txt needs a 'de:' and an 'en:' line");
        }
        return Map.copyOf(words);
    }
}

package dev.kb.search;

import dev.kb.common.IndexConfig;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * German and English function and question words ({@code index/question-words.txt}): typed on their own they say
 * how a question is asked, not what it is about, so they do not decide a ranking. A word typed in capitals
 * ({@code IS NULL}, {@code FOR UPDATE}) is a keyword of a language and counts like any other.
 */
final class QuestionWords {
    private static final Analyzer FOLD = Analyses.WHOLE_EXACT;
    private final Set<String> words;

    private QuestionWords(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    static QuestionWords configured() {
        Set<String> words = new HashSet<>();
        for (String line : IndexConfig.lines("question-words.txt")) {
            words.add(String.join(" ", QueryBuilder.analyze(FOLD, line)));
        }
        return new QuestionWords(words);
    }

    /** Whether the word as typed is a function word (in lower case or capitalised, not in capitals). */
    boolean contains(String typed) {
        if (typed.length() > 1 && typed.equals(typed.toUpperCase(java.util.Locale.ROOT))
                && !typed.equals(typed.toLowerCase(java.util.Locale.ROOT))) {
            return false;
        }
        return words.contains(String.join(" ", QueryBuilder.analyze(FOLD, typed)));
    }
}

package dev.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Predicate;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;

/**
 * "Did you mean": replaces each word the index does not know by the closest word it does (from titles, headings
 * and text), and returns the corrected query, or null when there is nothing to correct. Proposed whenever a typed
 * word is unknown and a close one is known, however many hits typo tolerance found: the user should see what
 * kb searched for instead.
 */
final class DidYouMean {
    private static final List<String> FIELDS = List.of(IndexFields.Text.TITLE.field(Analyses.Form.EXACT),
            IndexFields.Text.HEADINGS.field(Analyses.Form.EXACT), IndexFields.Text.BODY.field(Analyses.Form.EXACT));
    private static final int MIN_LENGTH = 3;

    private DidYouMean() {
    }

    /** @param understood words not to correct: function words, words with synonyms (another language's) */
    static String suggest(IndexReader reader, UserQuery query, String original, Predicate<String> understood) {
        StringBuilder corrected = new StringBuilder();
        boolean changed = false;
        for (UserQuery.Clause clause : query.clauses()) {
            String text = clause.text();
            if (!clause.phrase() && !clause.excluded() && !understood.test(text)) {
                String better = correct(reader, text);
                if (better != null) {
                    text = better;
                    changed = true;
                }
            }
            if (corrected.length() > 0) {
                corrected.append(' ');
            }
            corrected.append(clause.excluded() ? "-" : "").append(clause.phrase() ? "\"" + text + "\"" : text);
        }
        String suggestion = corrected.toString();
        return changed && !suggestion.equalsIgnoreCase(original.strip()) ? suggestion : null;
    }

    private static String correct(IndexReader reader, String word) {
        List<String> terms = QueryBuilder.analyze(Analyses.WHOLE_EXACT, word);
        if (terms.size() != 1 || terms.get(0).length() < MIN_LENGTH || known(reader, terms.get(0))) {
            return null;
        }
        List<Corrections.Candidate> best = Corrections.of(reader, FIELDS, terms.get(0), 1);
        return best.isEmpty() ? null : best.get(0).term();
    }

    private static boolean known(IndexReader reader, String term) {
        try {
            for (String field : FIELDS) {
                if (reader.docFreq(new Term(field, term)) > 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Words of the index within one or two typing errors of a word it does not know ("kubernets" → "kubernetes"),
 * closest and most frequent first. The Levenshtein automaton is built once and run over every field, which is
 * what keeps typo tolerance cheap: a fuzzy query per field would build it again for each.
 */
final class Corrections {
    private static final int TWO_EDITS_LENGTH = 8;
    /** The first letter is rarely the mistyped one; requiring it keeps the automaton small. */
    private static final int PREFIX_LENGTH = 1;

    record Candidate(String term, int edits, int docFreq) {
    }

    private Corrections() {
    }

    static int maxEdits(String term) {
        return term.length() >= TWO_EDITS_LENGTH ? 2 : 1;
    }

    static List<Candidate> of(IndexReader reader, Collection<String> fields, String term, int max) {
        CompiledAutomaton automaton = FuzzyQuery.getFuzzyAutomaton(term, maxEdits(term), PREFIX_LENGTH, true);
        Map<String, Integer> docFreqs = new HashMap<>();
        try {
            for (String field : fields) {
                Terms terms = MultiTerms.getTerms(reader, field);
                if (terms == null) {
                    continue;
                }
                TermsEnum matching = automaton.getTermsEnum(terms);
                for (BytesRef found = matching.next(); found != null; found = matching.next()) {
                    docFreqs.merge(found.utf8ToString(), matching.docFreq(), Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Candidate> candidates = new ArrayList<>();
        docFreqs.forEach((t, df) -> {
            if (!t.equals(term)) {
                candidates.add(new Candidate(t, distance(term, t), df));
            }
        });
        candidates.sort(Comparator.comparingInt(Candidate::edits)
                .thenComparing(Comparator.comparingInt(Candidate::docFreq).reversed())
                .thenComparing(Candidate::term));
        return List.copyOf(candidates.subList(0, Math.min(max, candidates.size())));
    }

    /** Edits between two words, a swap of neighbours counting as one (as in the automaton). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

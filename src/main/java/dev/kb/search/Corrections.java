package dev.kb.search;

import dev.kb.common.EditDistance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /**
     * Words within reach looked at, over all fields: two edits of a long word can reach hundreds of words of a
     * large index, and each is a dictionary lookup. Beyond this the rest (in dictionary order) are not considered.
     */
    static final int MAX_VISITED = 2_000;
    /**
     * Typo automata built lately, by word (its edits follow from its length). Building one (two edits, with transpositions) is most of a
     * correction's cost — about a millisecond, more than looking the word up in a large dictionary — and a search
     * needs the same one up to three times (the topics' query, the sections' query, "did you mean"). An automaton
     * depends on the word alone, never on the index, so it stays right across index changes.
     */
    private static final int AUTOMATA_KEPT = 512;
    private static final Map<String, CompiledAutomaton> AUTOMATA = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompiledAutomaton> eldest) {
                    return size() > AUTOMATA_KEPT;
                }
            });

    record Candidate(String term, int edits, int docFreq) {
    }

    private Corrections() {
    }

    static int maxEdits(String term) {
        return term.length() >= TWO_EDITS_LENGTH ? 2 : 1;
    }

    static List<Candidate> of(IndexReader reader, Collection<String> fields, String term, int max) {
        return of(reader, fields, term, max, MAX_VISITED);
    }

    /** Built outside the lock: two searches may build the same one, neither waits for the other. */
    private static CompiledAutomaton automaton(String term) {
        CompiledAutomaton automaton = AUTOMATA.get(term);
        if (automaton == null) {
            automaton = FuzzyQuery.getFuzzyAutomaton(term, maxEdits(term), PREFIX_LENGTH, true);
            AUTOMATA.put(term, automaton);
        }
        return automaton;
    }

    /** @param maxVisited matching words looked at, over all fields */
    static List<Candidate> of(IndexReader reader, Collection<String> fields, String term, int max, int maxVisited) {
        CompiledAutomaton automaton = automaton(term);
        Map<String, Integer> docFreqs = new HashMap<>();
        int visited = 0;
        try {
            for (String field : fields) {
                Terms terms = MultiTerms.getTerms(reader, field);
                if (terms == null) {
                    continue;
                }
                TermsEnum matching = automaton.getTermsEnum(terms);
                for (BytesRef found = matching.next(); found != null && visited < maxVisited; found = matching.next()) {
                    visited++;
                    docFreqs.merge(found.utf8ToString(), matching.docFreq(), Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Candidate> candidates = new ArrayList<>();
        docFreqs.forEach((t, df) -> {
            if (!t.equals(term)) {
                candidates.add(new Candidate(t, EditDistance.between(term, t), df));
            }
        });
        candidates.sort(Comparator.comparingInt(Candidate::edits)
                .thenComparing(Comparator.comparingInt(Candidate::docFreq).reversed())
                .thenComparing(Candidate::term));
        return List.copyOf(candidates.subList(0, Math.min(max, candidates.size())));
    }
}

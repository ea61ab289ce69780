package dev.kb.search;

import java.io.IOException;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Expands a prefix (any multi-term query) to at most {@code maxTerms} of the terms it matches: the most frequent
 * ones, shorter first among equally frequent. A prefix of two letters can match thousands of words in a large
 * course, and each expansion costs a postings list to read for every search the user types; the words a user
 * is most likely typing are the frequent ones. The documents matched score the same constant, as with Lucene's
 * default rewrite, so ranking does not change while a prefix matches no more than {@code maxTerms} words. At
 * most {@code maxVisited} matching words are looked at (in dictionary order): the dictionary walk is bounded too.
 */
final class FrequentTermsRewrite extends MultiTermQuery.RewriteMethod {
    /** Expansions of the word being typed. */
    static final int MAX_TERMS = 256;
    /** Matching words looked at to choose them; a walk over a few 10 000 entries of a term dictionary is cheap. */
    static final int MAX_VISITED = 50_000;
    static final FrequentTermsRewrite DEFAULT = new FrequentTermsRewrite(MAX_TERMS, MAX_VISITED);

    private record Candidate(BytesRef term, int docFreq) {
    }

    /** The least wanted first: rarest, then last in dictionary order. */
    private static final Comparator<Candidate> LEAST_WANTED = Comparator.comparingInt(Candidate::docFreq)
            .thenComparing(Candidate::term, Comparator.reverseOrder());

    private final int maxTerms;
    private final int maxVisited;

    FrequentTermsRewrite(int maxTerms, int maxVisited) {
        this.maxTerms = maxTerms;
        this.maxVisited = maxVisited;
    }

    @Override
    public Query rewrite(IndexReader reader, MultiTermQuery query) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, query.getField());
        if (terms == null) {
            return new MatchNoDocsQuery("no field " + query.getField());
        }
        PriorityQueue<Candidate> kept = new PriorityQueue<>(LEAST_WANTED);
        TermsEnum matching = query.getTermsEnum(terms);
        int visited = 0;
        for (BytesRef term = matching.next(); term != null && visited < maxVisited; term = matching.next()) {
            visited++;
            int docFreq = matching.docFreq();
            if (kept.size() == maxTerms && docFreq <= kept.peek().docFreq()) {
                continue;
            }
            kept.add(new Candidate(BytesRef.deepCopyOf(term), docFreq));
            if (kept.size() > maxTerms) {
                kept.poll();
            }
        }
        if (kept.isEmpty()) {
            return new MatchNoDocsQuery("no term matches " + query);
        }
        return new ConstantScoreQuery(new TermInSetQuery(query.getField(), kept.stream().map(Candidate::term).toList()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FrequentTermsRewrite other && other.maxTerms == maxTerms && other.maxVisited == maxVisited;
    }

    @Override
    public int hashCode() {
        return 31 * maxTerms + maxVisited;
    }
}

package dev.kb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.DoubleValues;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;

/**
 * How much of a query a document covers: the weights of the concepts it matches over the weights of all, raised
 * to an exponent. A query's score is multiplied by it, so a topic with more of the asked-for words (each weighed
 * by how rare it is) ranks above one that repeats a single word often — BM25 alone adds up per word and lets one
 * frequent word in a title outweigh the rest of a question.
 */
final class Coverage extends DoubleValuesSource {
    private final List<Query> concepts;
    private final float[] weights;
    private final float exponent;
    /** Set once rewritten against a searcher. */
    private final List<Weight> bound;

    Coverage(List<Query> concepts, float[] weights, float exponent) {
        this(concepts, weights, exponent, null);
    }

    private Coverage(List<Query> concepts, float[] weights, float exponent, List<Weight> bound) {
        this.concepts = List.copyOf(concepts);
        this.weights = weights.clone();
        this.exponent = exponent;
        this.bound = bound;
    }

    /**
     * How much a word says about where the answer is: BM25's inverse document frequency of its rarest part as
     * written, over the searched fields (a word the index does not know counts as rare), in the searcher's
     * statistics (fair to courses of different sizes, see {@link CourseSearcher}).
     */
    static float rarity(String text, Map<IndexFields.Text, Float> fields, IndexSearcher searcher) {
        if (searcher == null) {
            return 1f;
        }
        List<String> terms = QueryBuilder.analyze(Analyses.PARTS_EXACT, text);
        try {
            long docs = 0;
            long df = 0;
            for (IndexFields.Text field : fields.keySet()) {
                String name = field.field(Analyses.Form.EXACT);
                docs = Math.max(docs, CourseSearcher.docCount(searcher, name));
                long rarest = Long.MAX_VALUE;
                for (String t : terms) {
                    rarest = Math.min(rarest, CourseSearcher.docFreq(searcher, new Term(name, t)));
                }
                df = Math.max(df, rarest == Long.MAX_VALUE ? 0 : rarest);
            }
            return (float) Math.log(1 + (docs - df + 0.5) / (df + 0.5));
        } catch (IOException e) {
            throw new UncheckedIOException("search index read failed", e);
        }
    }

    @Override
    public DoubleValues getValues(LeafReaderContext leaf, DoubleValues scores) throws IOException {
        if (bound == null) {
            throw new IllegalStateException("Coverage must be rewritten before use");
        }
        double total = 0;
        for (float w : weights) {
            total += w;
        }
        double all = total;
        // Each concept's matches are looked up only when a document of this leaf asks (a leaf may have none to
        // score), and a concept of weight 0 (a function word) never: it adds nothing to what is covered.
        DocIdSetIterator[] matching = new DocIdSetIterator[bound.size()];
        boolean[] started = new boolean[bound.size()];
        return new DoubleValues() {
            private double value;

            @Override
            public double doubleValue() {
                return value;
            }

            @Override
            public boolean advanceExact(int doc) throws IOException {
                double covered = 0;
                for (int i = 0; i < matching.length; i++) {
                    if (weights[i] == 0) {
                        continue;
                    }
                    if (!started[i]) {
                        Scorer scorer = bound.get(i).scorer(leaf);
                        matching[i] = scorer == null ? null : scorer.iterator();
                        started[i] = true;
                    }
                    DocIdSetIterator it = matching[i];
                    if (it != null && it.docID() < doc) {
                        it.advance(doc);
                    }
                    if (it != null && it.docID() == doc) {
                        covered += weights[i];
                    }
                }
                value = all <= 0 ? 1 : Math.pow(covered / all, exponent);
                return true;
            }
        };
    }

    /** The coverage of each of these documents (ids of the searcher's reader), in their order. */
    double[] of(IndexSearcher searcher, int[] docs) throws IOException {
        DoubleValuesSource bound = rewrite(searcher);
        double[] values = new double[docs.length];
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < docs.length; i++) {
            order[i] = i;
        }
        // Values are read in document order, leaf by leaf.
        Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        DoubleValues values0 = null;
        for (int i : order) {
            int doc = docs[i];
            if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(doc, leaves));
                values0 = bound.getValues(leaf, null);
            }
            values0.advanceExact(doc - leaf.docBase);
            values[i] = values0.doubleValue();
        }
        return values;
    }

    @Override
    public boolean needsScores() {
        return false;
    }

    @Override
    public DoubleValuesSource rewrite(IndexSearcher searcher) throws IOException {
        List<Weight> weighted = new ArrayList<>();
        for (int i = 0; i < concepts.size(); i++) {
            // A function word's matches are never asked for (see getValues).
            weighted.add(weights[i] == 0 ? null : searcher.createWeight(searcher.rewrite(
                    new ConstantScoreQuery(concepts.get(i))), ScoreMode.COMPLETE_NO_SCORES, 1f));
        }
        return new Coverage(concepts, weights, exponent, weighted);
    }

    @Override
    public boolean isCacheable(LeafReaderContext ctx) {
        return false;
    }

    @Override
    public int hashCode() {
        return Objects.hash(concepts, Arrays.hashCode(weights), exponent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coverage c && c.concepts.equals(concepts) && Arrays.equals(c.weights, weights)
                && c.exponent == exponent;
    }

    @Override
    public String toString() {
        return "coverage(" + concepts + ", " + Arrays.toString(weights) + ")^" + exponent;
    }
}

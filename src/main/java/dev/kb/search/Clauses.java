package dev.kb.search;

import java.util.function.Supplier;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Leaf clauses of a query, counted as {@link org.apache.lucene.search.IndexSearcher} counts them against its
 * maximum before it searches: one per term query, phrase or multi-term query, however they are nested. Counting
 * first lets a query be built within the maximum instead of failing at search time.
 */
final class Clauses {
    private Clauses() {
    }

    static int count(Query query) {
        int[] count = {0};
        query.visit(new QueryVisitor() {
            @Override
            public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }

            @Override
            public void visitLeaf(Query leaf) {
                count[0]++;
            }

            @Override
            public void consumeTerms(Query leaf, Term... terms) {
                count[0]++;
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                count[0]++;
            }
        });
        return count[0];
    }
}

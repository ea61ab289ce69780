package dev.kb.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;

/**
 * Turns a {@link UserQuery} into a Lucene query over the text fields. Each word or phrase must match in
 * some field (or, in "any" mode, should), and a field's boost says how much a match there counts: a word in
 * the title tells more about a document than the same word in its body, and far more than in its code.
 */
final class QueryBuilder {
    /** Field weights: title &gt; headings &gt; path &gt; body &gt; code. */
    static final Map<String, Float> TOPIC_FIELDS = Map.of(
            IndexFields.TITLE, 4.0f,
            IndexFields.HEADINGS, 2.0f,
            IndexFields.PATH_TEXT, 1.5f,
            IndexFields.BODY, 1.0f,
            IndexFields.CODE, 0.7f);
    /** Within a section, its heading plays the title's part. */
    static final Map<String, Float> SECTION_FIELDS = Map.of(
            IndexFields.HEADING, 2.0f,
            IndexFields.BODY, 1.0f,
            IndexFields.CODE, 0.7f);
    /** How much the best field's score is topped up by matches in the other fields. */
    private static final float TIE_BREAKER = 0.2f;

    private final org.apache.lucene.util.QueryBuilder analyzing;

    QueryBuilder(Analyzer analyzer) {
        this.analyzing = new org.apache.lucene.util.QueryBuilder(analyzer);
    }

    /** Null when nothing of the query is searchable (only punctuation, only exclusions). */
    Query build(UserQuery query, Map<String, Float> fields, boolean requireAll) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        int positive = 0;
        for (UserQuery.Clause clause : query.clauses()) {
            Query q = clause(clause.text(), fields);
            if (q == null) {
                continue;
            }
            if (clause.excluded()) {
                builder.add(q, BooleanClause.Occur.MUST_NOT);
            } else {
                builder.add(q, requireAll ? BooleanClause.Occur.MUST : BooleanClause.Occur.SHOULD);
                positive++;
            }
        }
        return positive == 0 ? null : builder.build();
    }

    private Query clause(String text, Map<String, Float> fields) {
        List<Query> perField = new ArrayList<>();
        fields.forEach((field, boost) -> {
            // A word the analyzer splits ("can-i") must keep its parts together: a phrase, as for quoted text.
            Query q = analyzing.createPhraseQuery(field, text);
            if (q != null) {
                perField.add(new BoostQuery(q, boost));
            }
        });
        return perField.isEmpty() ? null : new DisjunctionMaxQuery(perField, TIE_BREAKER);
    }
}

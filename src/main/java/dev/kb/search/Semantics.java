package dev.kb.search;

import dev.kb.ingest.LanguageDetector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/**
 * The semantic signal: which passages are close in meaning to a question, for the rankings of topics and passages
 * to add to their lexical score. Only questions get it (see {@code semantic.*} in {@code index/ranking.properties});
 * off, nothing is embedded and every ranking is lexical.
 */
public final class Semantics {
    /** Passages the vector search returns: enough that each of the best topics has its closest passage among them. */
    static final int NEAREST = 100;
    static final Semantics OFF = new Semantics(false, null);

    private final boolean enabled;
    private final GermanToEnglish english;

    private Semantics(boolean enabled, GermanToEnglish english) {
        this.enabled = enabled;
        this.english = english;
    }

    static Semantics configured() {
        return translating(GermanToEnglish.configured());
    }

    /** On, rendering German questions in English with this translation. */
    static Semantics translating(GermanToEnglish english) {
        return new Semantics(true, english);
    }

    public boolean enabled() {
        return enabled;
    }

    /** A question's vector and how much its similarity counts. */
    record Question(float[] vector, float weight) {
    }

    /**
     * The question to search by meaning in the course ({@code null}: every course), or null when the query is not
     * one, the signal is off, or some passage searched has no vector yet (see {@link PassageEmbedding}): a ranking
     * where only the embedded part of a course gets the similarity would favour it for being embedded first.
     */
    Question question(String q, Ranking ranking, IndexSearcher searcher, String course) throws IOException {
        Question question = question(q, ranking);
        return question != null && ready(searcher, course) ? question : null;
    }

    /** Whether every passage of the course ({@code null}: of every course) has its vector in this searcher's index. */
    boolean ready(IndexSearcher searcher, String course) throws IOException {
        Object generation = searcher.getIndexReader().getReaderCacheHelper().getKey();
        Readiness known = readiness;
        if (known == null || known.generation() != generation) {
            known = new Readiness(generation, new ConcurrentHashMap<>());
            readiness = known;
        }
        Boolean ready = known.courses().get(course == null ? "" : course);
        if (ready == null) {
            BooleanQuery.Builder lacking = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER)
                    .add(new FieldExistsQuery(IndexFields.PASSAGE_VECTOR), BooleanClause.Occur.MUST_NOT);
            if (course != null) {
                lacking.add(new TermQuery(new Term(IndexFields.COURSE, course)), BooleanClause.Occur.FILTER);
            }
            ready = searcher.count(lacking.build()) == 0;
            known.courses().put(course == null ? "" : course, ready);
        }
        return ready;
    }

    /** Which courses had every vector, for one index generation (counting takes a pass over the passages). */
    private record Readiness(Object generation, Map<String, Boolean> courses) {
    }

    private volatile Readiness readiness;

    /** The question to search by meaning, or null when the query is not one (or the signal is off). */
    Question question(String q, Ranking ranking) {
        if (!enabled) {
            return null;
        }
        String[] words = q.strip().split("\\s+");
        if (words.length < ranking.semanticMinWords() && !q.strip().endsWith("?")) {
            return null;
        }
        boolean german = LanguageDetector.GERMAN.equals(LanguageDetector.detect(q));
        float weight = german ? ranking.semanticGerman() : ranking.semanticEnglish();
        if (weight <= 0) {
            return null;
        }
        return new Question(Embedder.embed(german ? q + "\n" + english.render(q) : q), weight);
    }

    /** A passage close to the question: its document and the cosine similarity (−1 … 1). */
    record Near(int docId, Document doc, float similarity) {
        String topic() {
            return doc.get(IndexFields.TOPIC);
        }
    }

    /** The passages closest to the question, of one course or all ({@code course} null), closest first. */
    static List<Near> nearest(IndexSearcher searcher, Question question, String course) throws IOException {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER);
        if (course != null) {
            filter.add(new TermQuery(new Term(IndexFields.COURSE, course)), BooleanClause.Occur.FILTER);
        }
        Query knn = new KnnFloatVectorQuery(IndexFields.PASSAGE_VECTOR, question.vector(), NEAREST, filter.build());
        List<Near> near = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(knn, NEAREST).scoreDocs) {
            // Lucene scores a dot product of unit vectors as (1 + cos) / 2.
            near.add(new Near(sd.doc, searcher.storedFields().document(sd.doc), 2 * sd.score - 1));
        }
        return near;
    }

    /** Each topic's best similarity among the passages. */
    static Map<String, Float> byTopic(List<Near> near) {
        Map<String, Float> best = new HashMap<>();
        near.forEach(n -> best.merge(n.topic(), n.similarity(), Math::max));
        return best;
    }
}

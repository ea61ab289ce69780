package dev.kb.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Ranks topics for a question by words and meaning together: a topic scores its lexical score relative to the best
 * one (0 … 1) plus the question's weight times how much closer in meaning its closest passage is than the least
 * close of the topics found by meaning. Scores, not ranks, are added (chosen over reciprocal-rank fusion on the
 * three dev courses, docs/benchmarks.md): a topic far ahead by words stays ahead unless another is clearly closer in
 * meaning. Relative to the best, the lexical part is comparable across questions; the cosine already is. The fusion
 * reorders the lexical ranking's first {@link #WINDOW} hits and the topics found by meaning alone, so a question
 * costs one lexical search, as a keyword query does.
 */
final class TopicFusion {
    /** Lexical hits a question's fusion reorders: far more than anyone pages through, and cheap to collect. */
    static final int WINDOW = 50;

    private TopicFusion() {
    }

    /** Fused scores by topic, of the topics matched by words (with their lexical scores) and by meaning. */
    static Map<String, Float> scores(Map<String, Float> lexical, Map<String, Float> near, float weight) {
        float max = lexical.values().stream().max(Float::compare).filter(m -> m > 0).orElse(1f);
        float floor = near.values().stream().min(Float::compare).orElse(0f);
        Map<String, Float> fused = new HashMap<>();
        lexical.forEach((topic, score) -> fused.put(topic, score / max));
        near.forEach((topic, similarity) -> fused.merge(topic, weight * (similarity - floor), Float::sum));
        return fused;
    }

    /**
     * The search's lexical ranking (sorted by tier, then score) reordered with meaning, and the topics found by
     * meaning alone that pass the search's filters added.
     *
     * @param lexical  the lexical ranking's first hits, each a {@link FieldDoc} of tier and score
     * @param topicOf  a hit's topic id (null for an external page)
     * @param filtered the search's filters around a query
     * @return every hit as a {@link FieldDoc} of tier and fused score, in the fused order
     */
    static List<FieldDoc> rerank(IndexSearcher searcher, ScoreDoc[] lexical, Function<Integer, String> topicOf,
                                 Map<String, Float> near, float weight, Function<Query, Query> filtered)
            throws IOException {
        Map<String, Float> lexicalScores = new HashMap<>();
        Map<String, FieldDoc> hits = new HashMap<>();
        List<FieldDoc> result = new ArrayList<>();
        for (ScoreDoc sd : lexical) {
            FieldDoc doc = (FieldDoc) sd;
            String topic = topicOf.apply(doc.doc);
            if (topic == null || ((Number) doc.fields[0]).intValue() != IndexFields.TIER_TOPIC) {
                result.add(doc); // handouts and external pages keep their lexical score, after the topics
            } else {
                lexicalScores.put(topic, (Float) doc.fields[1]);
                hits.put(topic, doc);
            }
        }
        List<BytesRef> alone = near.keySet().stream().filter(t -> !hits.containsKey(t)).map(BytesRef::new).toList();
        if (!alone.isEmpty()) {
            for (ScoreDoc sd : searcher.search(filtered.apply(new TermInSetQuery(IndexFields.TOPIC, alone)),
                    alone.size()).scoreDocs) {
                String topic = topicOf.apply(sd.doc);
                hits.put(topic, new FieldDoc(sd.doc, 0, new Object[] {IndexFields.TIER_TOPIC, 0f}));
            }
        }
        Map<String, Float> fused = scores(lexicalScores, near, weight);
        hits.forEach((topic, doc) -> {
            float score = fused.getOrDefault(topic, 0f);
            result.add(new FieldDoc(doc.doc, score, new Object[] {doc.fields[0], score}));
        });
        result.sort(Comparator.comparingInt((FieldDoc d) -> ((Number) d.fields[0]).intValue())
                .thenComparing((FieldDoc d) -> -(Float) d.fields[1]).thenComparingInt(d -> d.doc));
        return result;
    }
}

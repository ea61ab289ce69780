package dev.kb.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Ranks the passages of the best topics for a question: each passage's own match (by words, and by meaning for a
 * question the semantic signal takes) blended with its topic's rank, times how much of the question it answers.
 */
final class PassageRanker {
    /** Passages of the best topics that compete by their words. */
    private static final int CANDIDATES = 200;

    private final QueryBuilder queries;
    private final Ranking ranking;

    PassageRanker(QueryBuilder queries, Ranking ranking) {
        this.queries = queries;
        this.ranking = ranking;
    }

    /** A passage of the index with its blended score. */
    record Candidate(Document doc, float score) {
        String topic() {
            return doc.get(IndexFields.TOPIC);
        }

        int ord() {
            return doc.getField(IndexFields.PASSAGE_ORD).numericValue().intValue();
        }
    }

    /**
     * @param topics the best topics and their scores relative to the best
     * @param near   passages close in meaning to the question (empty when it is searched by words alone)
     */
    List<Candidate> rank(IndexSearcher searcher, UserQuery query, Map<String, Float> topics, List<Semantics.Near> near)
            throws IOException {
        Query base = queries.build(query, ranking.passageFields(), searcher, false);
        List<BytesRef> ids = topics.keySet().stream().map(BytesRef::new).toList();
        Query q = new BooleanQuery.Builder().add(base, BooleanClause.Occur.MUST)
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.TOPIC, ids), BooleanClause.Occur.FILTER)
                .build();
        Map<Integer, Float> lexical = new LinkedHashMap<>();
        for (ScoreDoc sd : searcher.search(q, CANDIDATES).scoreDocs) {
            lexical.put(sd.doc, sd.score);
        }
        Map<Integer, Float> meaning = new HashMap<>();
        float floor = (float) near.stream().mapToDouble(Semantics.Near::similarity).min().orElse(0);
        for (Semantics.Near n : near) {
            if (topics.containsKey(n.topic())) {
                meaning.put(n.docId(), n.similarity());
            }
        }
        List<Integer> docs = new ArrayList<>(lexical.keySet());
        meaning.keySet().stream().filter(d -> !lexical.containsKey(d)).sorted().forEach(docs::add);
        List<Candidate> candidates = new ArrayList<>();
        if (docs.isEmpty()) {
            return candidates;
        }
        // Relative to the best, the blend orders passages; times the share of the question a passage covers (or, when
        // it is closer in meaning than that share, its similarity), the score also says how good the best one is,
        // whatever the question (see PassageService.ANSWER_THRESHOLD).
        double[] covered = queries.coverage(query, ranking.passageFields(), searcher)
                .of(searcher, docs.stream().mapToInt(Integer::intValue).toArray());
        float bestLexical = lexical.values().stream().max(Float::compare).orElse(1f);
        float[] own = new float[docs.size()];
        float bestOwn = 0;
        for (int i = 0; i < docs.size(); i++) {
            Float similarity = meaning.get(docs.get(i));
            own[i] = lexical.getOrDefault(docs.get(i), 0f) / bestLexical
                    + (similarity == null ? 0 : ranking.semanticPassage() * (similarity - floor));
            bestOwn = Math.max(bestOwn, own[i]);
        }
        float topicShare = ranking.passageTopicShare();
        for (int i = 0; i < docs.size(); i++) {
            Document doc = searcher.storedFields().document(docs.get(i));
            float blend = (1 - topicShare) * (bestOwn > 0 ? own[i] / bestOwn : 0)
                    + topicShare * topics.get(doc.get(IndexFields.TOPIC));
            double answers = Math.max(covered[i], meaning.getOrDefault(docs.get(i), 0f));
            candidates.add(new Candidate(doc, (float) (blend * answers)));
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> -c.score())
                .thenComparing(Candidate::topic).thenComparingInt(Candidate::ord));
        return candidates;
    }
}

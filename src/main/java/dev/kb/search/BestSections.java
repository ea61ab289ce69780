package dev.kb.search;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Collects, per topic, its best-scoring matching section: topic ids come from doc values, so no stored document
 * is read until the winners are known.
 */
final class BestSections implements CollectorManager<BestSections.Collector, Map<String, ScoreDoc>> {

    @Override
    public Collector newCollector() {
        return new Collector();
    }

    @Override
    public Map<String, ScoreDoc> reduce(Collection<Collector> collectors) {
        Map<String, ScoreDoc> best = new HashMap<>();
        for (Collector c : collectors) {
            c.best.forEach((topic, doc) -> best.merge(topic, doc, (a, b) -> a.score >= b.score ? a : b));
        }
        return best;
    }

    static final class Collector extends SimpleCollector {
        private final Map<String, ScoreDoc> best = new HashMap<>();
        private SortedDocValues topics;
        private Scorable scorer;
        private int docBase;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            topics = DocValues.getSorted(context.reader(), IndexFields.TOPIC);
            docBase = context.docBase;
        }

        @Override
        public void setScorer(Scorable scorer) {
            this.scorer = scorer;
        }

        @Override
        public void collect(int doc) throws IOException {
            if (!topics.advanceExact(doc)) {
                return;
            }
            float score = scorer.score();
            String topic = topics.lookupOrd(topics.ordValue()).utf8ToString();
            ScoreDoc current = best.get(topic);
            if (current == null || score > current.score) {
                best.put(topic, new ScoreDoc(docBase + doc, score));
            }
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }
    }
}

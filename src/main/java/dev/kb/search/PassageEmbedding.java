package dev.kb.search;

import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.Stores;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds passages after their words are searchable. The model takes about 20 ms of CPU a passage (≈ 50 a second
 * on two cores): inside a run, a course of 100 000 documents would wait hours for its words to be found. So a run
 * publishes its topics with the vectors PostgreSQL already has (texts embedded before, by any process), and this
 * embeds the rest on one background thread, a few hundred topics at a time: the passages the index holds without
 * a vector are embedded (holding nothing), then each passage's search document alone is replaced by the same one
 * with its vector, under the run the index already holds. Only the index says what a passage's document is (its
 * title, heading, text), so nothing newer of the database slips in between runs. Until a course has every vector,
 * its questions rank by words alone (see {@link Semantics#ready}); work lost to a stop is found again at the next
 * start, since the index says which passages have no vector.
 */
public final class PassageEmbedding implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PassageEmbedding.class);
    private static final int BATCH = 200;

    private final Stores stores;
    private final SearchIndex index;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kb-passage-embedding");
        t.setDaemon(true);
        return t;
    });
    /** Courses waiting for the worker: a course published again while it waits is embedded once. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();

    public PassageEmbedding(Stores stores, SearchIndex index) {
        this.stores = stores;
        this.index = index;
    }

    /** Embeds, in the background, the course's passages that have no vector in the index. */
    public void later(String courseId) {
        if (queued.add(courseId)) {
            try {
                worker.execute(() -> {
                    queued.remove(courseId);
                    embed(courseId);
                });
            } catch (RejectedExecutionException e) {
                queued.remove(courseId); // closing: the next start finds the passages still without vectors
            }
        }
    }

    /** Waits until every course asked for so far is embedded (a command that exits must not leave it half done). */
    public void await() {
        try {
            worker.submit(() -> { }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | RejectedExecutionException e) {
            LOG.debug("waiting for passage embedding ended early", e);
        }
    }

    private void embed(String courseId) {
        try {
            List<String> topics = stores.documents().list(courseId).stream()
                    .filter(t -> t.isTopic() && !t.handout()).map(DocumentRow::id).toList();
            int embedded = 0;
            long started = System.nanoTime();
            for (int i = 0; i < topics.size() && !Thread.currentThread().isInterrupted(); i += BATCH) {
                embedded += embed(courseId, topics.subList(i, Math.min(topics.size(), i + BATCH)));
            }
            if (embedded > 0) {
                try (SearchIndex.Batch batch = index.batch()) {
                    batch.expungeDeletes();
                    Long run = index.committedRuns().get(courseId);
                    if (run != null) {
                        batch.publish(Map.of(courseId, run));
                    }
                }
                LOG.info("{} passages of {} embedded in {} s", embedded, courseId,
                        (System.nanoTime() - started) / 1_000_000_000L);
            }
        } catch (RuntimeException | IOException e) {
            // PostgreSQL away, the index being rebuilt: the course's next run or the next start tries again.
            LOG.warn("embedding the passages of {} stopped: {}", courseId, e.getMessage(), e);
        }
    }

    /** Embeds the passages of these topics that the index holds without a vector; returns how many. */
    private int embed(String courseId, List<String> topicIds) throws IOException {
        Map<String, Document> lacking = index.withSearcher(s -> withoutVectors(s, courseId, topicIds));
        if (lacking.isEmpty()) {
            return 0;
        }
        Map<String, DocumentStore.StoredPassage> stored = new HashMap<>();
        // A passage's id is derived from its text: the same id in the database is the same text.
        stores.documents().passages(topicIds).values().forEach(ps -> ps.stream()
                .filter(p -> lacking.containsKey(p.id())).forEach(p -> stored.put(p.id(), p)));
        Map<String, String> texts = new HashMap<>();
        stored.forEach((id, p) -> {
            TopicDocuments.PassageOwner owner = TopicDocuments.PassageOwner.of(lacking.get(id));
            texts.put(id, PassageVectors.text(owner.title(), owner.heading(), p.passage().text()));
        });
        // The slow part, holding nothing.
        Map<String, float[]> vectors = PassageVectors.embed(stores.embeddings(), texts);
        try (SearchIndex.Batch batch = index.batch()) {
            Long run = index.committedRuns().get(courseId);
            if (run == null) {
                return 0; // the course left the index meanwhile
            }
            // A run may have replaced some of these topics meanwhile: only documents still as read get a vector.
            Map<String, Document> still = index.withSearcher(s -> withoutVectors(s, courseId, topicIds));
            int replaced = 0;
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                Document now = still.get(e.getKey());
                TopicDocuments.PassageOwner owner = now == null ? null : TopicDocuments.PassageOwner.of(now);
                if (owner != null && owner.equals(TopicDocuments.PassageOwner.of(lacking.get(e.getKey())))) {
                    batch.replacePassage(e.getKey(), TopicDocuments.passage(owner, stored.get(e.getKey()), e.getValue()));
                    replaced++;
                }
            }
            batch.publish(Map.of(courseId, run));
            return replaced;
        }
    }

    /** The stored documents of the passages of these topics that have no vector, by passage id. */
    private static Map<String, Document> withoutVectors(IndexSearcher searcher, String courseId, List<String> topicIds)
            throws IOException {
        Query lacking = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.COURSE, courseId)), BooleanClause.Occur.FILTER)
                .add(new TermInSetQuery(IndexFields.TOPIC, topicIds.stream().map(BytesRef::new).toList()),
                        BooleanClause.Occur.FILTER)
                .add(new FieldExistsQuery(IndexFields.PASSAGE_VECTOR), BooleanClause.Occur.MUST_NOT)
                .build();
        Map<String, Document> found = new HashMap<>();
        int count = searcher.count(lacking);
        if (count == 0) {
            return found;
        }
        for (ScoreDoc sd : searcher.search(lacking, count).scoreDocs) {
            Document d = searcher.storedFields().document(sd.doc);
            found.put(d.get(IndexFields.PASSAGE), d);
        }
        return found;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

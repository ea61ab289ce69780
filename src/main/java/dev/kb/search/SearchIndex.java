package dev.kb.search;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index on disk: one writer and one shared {@link SearcherManager} for the life of the process.
 * Changes are grouped into batches, and searchers open commits only (not the writer's buffer): a search sees
 * the index before a batch or after it, never half of one, and a failed batch is rolled back unseen. Each
 * commit records, per course, the index run it reflects, which is how a restart knows whether the index
 * matches PostgreSQL.
 *
 * <p>The files can be lost while kb serves (the directory deleted, a disk replaced). Searches go on from the index
 * last read (its files stay open), while {@link #lost()} says what is missing and {@link #recoverIfLost()} starts
 * a new, empty index in the directory for {@link SearchIndexer#repair()} to rebuild from the database; searches
 * move to it once it is published whole.
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    /**
     * How long the searches of one request may take together. Searches take milliseconds (a few seconds at worst
     * under load, see docs/reliability-load.md); far longer means a query costs more than any answer is worth.
     */
    public static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(10);

    private final Path path;
    private final Analyzer analyzer;
    private final ReentrantLock batchLock = new ReentrantLock();
    /** Replaced (with the writer) when the index on disk was lost; changed under {@link #batchLock}. */
    private volatile Directory directory;
    private final Searchers searchers;
    /** Replaced after a failed batch, so changed under {@link #batchLock}; read by {@link #lost()}. */
    private volatile IndexWriter writer;
    /** The index on disk was lost and its rebuild is not published yet: searches answer from the one last read. */
    private volatile boolean rebuilding;

    private SearchIndex(Path path, Directory directory, Analyzer analyzer, Duration searchTimeout) throws IOException {
        this.path = path;
        this.directory = directory;
        this.analyzer = analyzer;
        this.writer = IndexDirectory.writer(directory, analyzer);
        if (!DirectoryReader.indexExists(directory)) {
            CommitData.commitEmpty(writer);
        }
        this.searchers = new Searchers(directory, searchTimeout);
    }

    /** Opens the index in {@code dir} with the default {@link #SEARCH_TIMEOUT}. */
    public static SearchIndex open(Path dir) {
        return open(dir, SEARCH_TIMEOUT);
    }

    /**
     * Opens the index in {@code dir}; an unreadable index is discarded (it can be rebuilt from PostgreSQL).
     *
     * @param searchTimeout how long the searches of one request may take together (see {@link #forRequest})
     */
    public static SearchIndex open(Path dir, Duration searchTimeout) {
        Analyzer analyzer = Analyses.forIndexing();
        try {
            Files.createDirectories(dir);
            FSDirectory directory = FSDirectory.open(dir);
            if (DirectoryReader.indexExists(directory) && !CommitData.current(directory)) {
                // Starting empty is safe: the index records no run, so every course is rebuilt from PostgreSQL.
                LOG.warn("the search index in {} is unreadable or from another version of kb; it will be rebuilt "
                        + "from the database", dir);
                IndexDirectory.empty(directory);
            }
            return new SearchIndex(dir, directory, analyzer, searchTimeout);
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("the search index in " + dir + " is in use by another kb process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    /** Run ids per course of the last commit. */
    public Map<String, Long> committedRuns() {
        try {
            return CommitData.runs(SegmentInfos.readLatestCommit(directory).getUserData());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index's last commit", e);
        }
    }

    /** A set of changes that becomes visible to searches all at once, on {@link #publish}. */
    public final class Batch implements AutoCloseable {
        private boolean published;

        private Batch() {
            batchLock.lock();
        }

        public void replaceTopic(String topicId, List<Document> documents) throws IOException {
            writer.updateDocuments(new Term(IndexFields.TOPIC, topicId), documents);
        }

        public void deleteTopics(Collection<String> topicIds) throws IOException {
            for (String id : topicIds) {
                writer.deleteDocuments(new Term(IndexFields.TOPIC, id));
            }
        }

        /** Removes the course's external pages (they are indexed again as a whole). */
        public void deleteReferences(String courseId) throws IOException {
            writer.deleteDocuments(new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_REFERENCE)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.COURSE, courseId)), BooleanClause.Occur.FILTER)
                    .build());
        }

        /** Replaces one passage's search document (its vector added), leaving the rest of its topic as it is. */
        public void replacePassage(String passageId, Document passage) throws IOException {
            writer.updateDocument(new Term(IndexFields.KEY, TopicDocuments.passageKey(passageId)), passage);
        }

        /**
         * Merges away deleted documents: Lucene counts them in a word's rarity and a field's mean length until their
         * segment is merged, so a course whose every passage was replaced (its vector added) would rank as if it held
         * its passages twice. Costs a rewrite of the segments concerned: once per course embedded, not per batch.
         */
        public void expungeDeletes() throws IOException {
            writer.forceMergeDeletes(true);
        }

        public void add(Document document) throws IOException {
            writer.addDocument(document);
        }

        public void deleteCourse(String courseId) throws IOException {
            writer.deleteDocuments(new Term(IndexFields.COURSE, courseId));
        }

        /** Commits with the run each course now reflects ({@code null} removes a course) and refreshes searchers. */
        public void publish(Map<String, Long> runs) throws IOException {
            writer.setLiveCommitData(CommitData.of(CommitData.with(committedRuns(), runs)).entrySet());
            writer.commit();
            if (rebuilding) {
                // The first commit of a rebuilt index: searches move to it from the lost one.
                searchers.moveTo(directory);
                rebuilding = false;
                LOG.info("the search index in {} is rebuilt; searches answer from it", path);
            } else {
                searchers.refresh();
            }
            published = true;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!published) {
                    // Nothing half-done may reach the next commit: drop the buffer with the writer, start a new one.
                    writer.rollback();
                    writer = IndexDirectory.writer(directory, analyzer);
                }
            } finally {
                batchLock.unlock();
            }
        }
    }

    public Batch batch() {
        return new Batch();
    }

    /**
     * What of the index on disk is gone, or null when it is whole (see {@link IndexDamage}). A directory listing,
     * cheap enough for every health check.
     */
    public String lost() {
        // A batch swaps writers when it fails: only the files say something while one runs.
        return IndexDamage.of(path, batchLock.isLocked() ? null : writer);
    }

    /** True from the loss of the index on disk until its rebuild is published (see {@link #recoverIfLost()}). */
    public boolean rebuilding() {
        return rebuilding;
    }

    /**
     * When the index on disk was lost, replaces it with a new, empty one in the same directory; searches answer
     * from the lost index meanwhile (its files are open), until the first batch on the new one is published.
     *
     * @return true when the index was lost and its rebuild is not published yet: every course must be indexed again
     */
    public boolean recoverIfLost() {
        batchLock.lock();
        try {
            String lost = IndexDamage.of(path, writer);
            if (lost == null) {
                return rebuilding;
            }
            LOG.warn("the search index in {} was lost ({}); searches answer from the index last read while it is "
                    + "rebuilt from the database", path, lost);
            try {
                writer.rollback();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing the lost index's writer failed", e);
            }
            Directory old = directory;
            Files.createDirectories(path);
            FSDirectory fresh = FSDirectory.open(path);
            IndexDirectory.empty(fresh);
            IndexWriter w = IndexDirectory.writer(fresh, analyzer);
            CommitData.commitEmpty(w);
            directory = fresh;
            writer = w;
            rebuilding = true;
            old.close();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new search index in " + path, e);
        } finally {
            batchLock.unlock();
        }
    }

    /** Runs {@code work} with a current searcher, released afterwards even when the work fails. */
    public <T> T withSearcher(SearcherWork<T> work) {
        return searchers.withSearcher(work);
    }

    /**
     * Runs the searches of one request: {@code work} gets a searcher of its own over the current index whose
     * searches stop once the search timeout has passed since the work began. A search cut short fails the work
     * with {@link LimitExceeded} ({@link Limit#SEARCH_TIME}) rather than answering: the hits of the segments
     * searched so far are not the best ones, and nothing says which are missing. Lucene checks the time while it
     * collects hits; what comes before (expanding prefixes and typos) is bounded by counts instead.
     */
    public <T> T forRequest(SearcherWork<T> work) {
        return forRequest(null, work);
    }

    /**
     * Like {@link #forRequest(SearcherWork)}, with the searcher's ranking statistics fair to courses of different
     * sizes (see {@link CourseSearcher}): those of {@code course} alone, or with {@code null} those of every course
     * counting alike.
     */
    public <T> T forRequest(String course, SearcherWork<T> work) {
        return searchers.forRequest(course, work);
    }

    /** Like {@link #withSearcher(SearcherWork)}, ranking with the statistics of {@code course} alone (see above). */
    public <T> T withSearcher(String course, SearcherWork<T> work) {
        return searchers.withSearcher(course, work);
    }

    /**
     * The index run of the course that searches see now (null when they see none): the commit of the current
     * searcher, which may trail {@link #committedRuns} for the moment a publish takes.
     */
    public Long searchedRun(String courseId) {
        return withSearcher(searcher -> CommitData.run(
                ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getUserData(), courseId));
    }

    /** Whether the published index holds documents of the course: a term lookup, no database round trip. */
    public boolean hasCourse(String courseId) {
        return withSearcher(searcher -> searcher.getIndexReader().docFreq(
                new Term(IndexFields.COURSE, courseId)) > 0);
    }

    /** Lucene documents in the last commit (topics, sections, passages, completions, external pages). */
    public int documentCount() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Bytes the index takes on disk. */
    public long sizeBytes() {
        return IndexDirectory.size(directory);
    }

    @FunctionalInterface
    public interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.rollback();
        directory.close();
    }
}

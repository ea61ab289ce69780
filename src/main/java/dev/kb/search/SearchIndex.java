package dev.kb.search;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.QueryTimeoutImpl;
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
 */
public final class SearchIndex implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SearchIndex.class);
    private static final String RUN_PREFIX = "run:";
    private static final String SCHEMA_KEY = "schema";
    /** Bump when fields or analysis change: an index of another version is rebuilt from the database. */
    private static final String SCHEMA_VERSION = "9";
    /**
     * How long the searches of one request may take together. Searches take milliseconds (a few seconds at worst
     * under load, see docs/reliability-load.md); far longer means a query costs more than any answer is worth.
     */
    public static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(10);

    private final Directory directory;
    private final Analyzer analyzer;
    private final ReentrantLock batchLock = new ReentrantLock();
    private final SearcherManager searchers;
    private final Duration searchTimeout;
    /** Replaced after a failed batch, so guarded by {@link #batchLock}. */
    private IndexWriter writer;

    private SearchIndex(Directory directory, Analyzer analyzer, Duration searchTimeout) throws IOException {
        this.directory = directory;
        this.analyzer = analyzer;
        this.searchTimeout = searchTimeout;
        this.writer = newWriter(directory, analyzer);
        if (!DirectoryReader.indexExists(directory)) {
            writer.setLiveCommitData(Map.of(SCHEMA_KEY, SCHEMA_VERSION).entrySet());
            writer.commit();
        }
        this.searchers = new SearcherManager(directory, null);
    }

    private static IndexWriter newWriter(Directory directory, Analyzer analyzer) throws IOException {
        return new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                // Fewer, larger segments from a rebuild: every query term is looked up once per segment.
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(false));
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
            if (DirectoryReader.indexExists(directory) && !readable(directory)) {
                // Starting empty is safe: the index records no run, so every course is rebuilt from PostgreSQL.
                LOG.warn("the search index in {} is unreadable or from another version of kb; it will be rebuilt "
                        + "from the database", dir);
                for (String file : directory.listAll()) {
                    directory.deleteFile(file);
                }
            }
            return new SearchIndex(directory, analyzer, searchTimeout);
        } catch (LockObtainFailedException e) {
            throw new IllegalStateException("the search index in " + dir + " is in use by another kb process", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + dir, e);
        }
    }

    /** Readable, and written with the fields and analyses of this version. */
    private static boolean readable(Directory directory) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            return SCHEMA_VERSION.equals(reader.getIndexCommit().getUserData().get(SCHEMA_KEY));
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** Run ids per course of the last commit. */
    public Map<String, Long> committedRuns() {
        Map<String, Long> runs = new HashMap<>();
        try {
            SegmentInfos.readLatestCommit(directory).getUserData().forEach((key, value) -> {
                if (key.startsWith(RUN_PREFIX)) {
                    runs.put(key.substring(RUN_PREFIX.length()), Long.parseLong(value));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index's last commit", e);
        }
        return runs;
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

        public void add(Document document) throws IOException {
            writer.addDocument(document);
        }

        public void deleteCourse(String courseId) throws IOException {
            writer.deleteDocuments(new Term(IndexFields.COURSE, courseId));
        }

        /** Commits with the run each course now reflects ({@code null} removes a course) and refreshes searchers. */
        public void publish(Map<String, Long> runs) throws IOException {
            Map<String, Long> all = new HashMap<>(committedRuns());
            runs.forEach((course, run) -> {
                if (run == null) {
                    all.remove(course);
                } else {
                    all.put(course, run);
                }
            });
            Map<String, String> data = new HashMap<>();
            data.put(SCHEMA_KEY, SCHEMA_VERSION);
            all.forEach((course, run) -> data.put(RUN_PREFIX + course, Long.toString(run)));
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
            searchers.maybeRefreshBlocking();
            published = true;
        }

        @Override
        public void close() throws IOException {
            try {
                if (!published) {
                    // Nothing half-done may reach the next commit: drop the buffer with the writer, start a new one.
                    writer.rollback();
                    writer = newWriter(directory, analyzer);
                }
            } finally {
                batchLock.unlock();
            }
        }
    }

    public Batch batch() {
        return new Batch();
    }

    /** Runs {@code work} with a current searcher, released afterwards even when the work fails. */
    public <T> T withSearcher(SearcherWork<T> work) {
        IndexSearcher searcher = null;
        try {
            searcher = searchers.acquire();
            return work.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("search index read failed", e);
        } finally {
            if (searcher != null) {
                try {
                    searchers.release(searcher);
                } catch (IOException e) {
                    LOG.warn("could not release a searcher", e);
                }
            }
        }
    }

    /**
     * Runs the searches of one request: {@code work} gets a searcher of its own over the current index whose
     * searches stop once the search timeout has passed since the work began. A search cut short fails the work
     * with {@link LimitExceeded} ({@link Limit#SEARCH_TIME}) rather than answering: the hits of the segments
     * searched so far are not the best ones, and nothing says which are missing. Lucene checks the time while it
     * collects hits; what comes before (expanding prefixes and typos) is bounded by counts instead.
     */
    public <T> T forRequest(SearcherWork<T> work) {
        return withSearcher(shared -> {
            // Lucene keeps "timed out" per searcher: one per request keeps requests from seeing each other's.
            IndexSearcher searcher = new IndexSearcher(shared.getIndexReader());
            searcher.setSimilarity(shared.getSimilarity());
            searcher.setTimeout(new QueryTimeoutImpl(searchTimeout.toMillis()));
            T result = work.apply(searcher);
            if (searcher.timedOut()) {
                throw new LimitExceeded(Limit.SEARCH_TIME, searchTimeout.toMillis(), null, "the search took longer "
                        + "than the limit of " + searchTimeout.toMillis() + " ms and was stopped; try fewer or "
                        + "longer words, or again later");
            }
            return result;
        });
    }

    /**
     * The index run of the course that searches see now (null when they see none): the commit of the current
     * searcher, which may trail {@link #committedRuns} for the moment a publish takes.
     */
    public Long searchedRun(String courseId) {
        return withSearcher(searcher -> {
            String run = ((DirectoryReader) searcher.getIndexReader()).getIndexCommit().getUserData()
                    .get(RUN_PREFIX + courseId);
            return run == null ? null : Long.valueOf(run);
        });
    }

    /** Whether the published index holds documents of the course: a term lookup, no database round trip. */
    public boolean hasCourse(String courseId) {
        return withSearcher(searcher -> searcher.getIndexReader().docFreq(
                new org.apache.lucene.index.Term(IndexFields.COURSE, courseId)) > 0);
    }

    /** Lucene documents in the last commit (topics, sections, passages, completions, external pages). */
    public int documentCount() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /** Bytes the index takes on disk. */
    public long sizeBytes() {
        long bytes = 0;
        try {
            for (String file : directory.listAll()) {
                try {
                    bytes += directory.fileLength(file);
                } catch (java.nio.file.NoSuchFileException merged) {
                    // Gone between listing and measuring: a merge finished.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the search index", e);
        }
        return bytes;
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

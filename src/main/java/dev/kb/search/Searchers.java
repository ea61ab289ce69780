package dev.kb.search;

import dev.kb.common.Limit;
import dev.kb.common.LimitExceeded;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.index.QueryTimeoutImpl;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of {@link SearchIndex}: one shared {@link SearcherManager}, acquired and released around each
 * piece of work, and for each request a searcher of its own that stops at the search timeout. When the rebuild of
 * a lost index is published the manager is replaced; work that acquired from the old one releases to it. Kept
 * apart from the index's writing and recovery, which only tell it when to refresh or move.
 */
final class Searchers implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(Searchers.class);

    private final Duration timeout;
    /** Per-course term statistics of the segments searched, for {@link CourseSearcher}. */
    private final CourseStatistics statistics = new CourseStatistics();
    /**
     * Counts new segments' fields per course after a publish, off the request path (a merged segment of 50 courses
     * takes seconds): one at a time, and a publish while one runs leaves at most one more waiting.
     */
    private final ThreadPoolExecutor counting = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), runnable -> {
                Thread t = new Thread(runnable, "kb-course-statistics");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());
    /** Replaced when the rebuild of a lost index is published; searches release to the one they acquired from. */
    private volatile SearcherManager current;

    Searchers(Directory directory, Duration timeout) throws IOException {
        this.timeout = timeout;
        this.current = new SearcherManager(directory, null);
        countSegments();
    }

    /** Makes the last commit visible to the searches that start from now on. */
    void refresh() throws IOException {
        current.maybeRefreshBlocking();
        countSegments();
    }

    /** Moves searches to the index in {@code directory} (a lost index's rebuild) and closes the lost one's. */
    void moveTo(Directory directory) throws IOException {
        SearcherManager lost = current;
        current = new SearcherManager(directory, null);
        lost.close();
        countSegments();
    }

    private void countSegments() {
        counting.execute(() -> {
            try {
                withSearcher(searcher -> {
                    statistics.count(searcher.getIndexReader(), IndexFields.Text.searchedFields());
                    return null;
                });
            } catch (RuntimeException e) {
                // Closed meanwhile, or unreadable: the first search that needs the counts makes them.
                LOG.debug("counting the fields of the new segments per course failed", e);
            }
        });
    }

    /** See {@link SearchIndex#withSearcher}. */
    <T> T withSearcher(SearchIndex.SearcherWork<T> work) {
        SearcherManager manager;
        IndexSearcher searcher;
        while (true) {
            manager = current;
            try {
                searcher = manager.acquire();
                break;
            } catch (AlreadyClosedException e) {
                if (manager == current) {
                    throw e;
                }
                // A rebuilt index was published between reading the manager and acquiring: use the new one.
            } catch (IOException e) {
                throw new UncheckedIOException("search index read failed", e);
            }
        }
        try {
            return work.apply(searcher);
        } catch (IOException e) {
            throw new UncheckedIOException("search index read failed", e);
        } finally {
            try {
                manager.release(searcher);
            } catch (IOException e) {
                LOG.warn("could not release a searcher", e);
            }
        }
    }

    /** See {@link SearchIndex#withSearcher(String, SearchIndex.SearcherWork)}. */
    <T> T withSearcher(String course, SearchIndex.SearcherWork<T> work) {
        return withSearcher(shared -> {
            IndexSearcher searcher = new CourseSearcher(shared.getIndexReader(), statistics, course);
            searcher.setSimilarity(shared.getSimilarity());
            return work.apply(searcher);
        });
    }

    /** See {@link SearchIndex#forRequest}. */
    <T> T forRequest(String course, SearchIndex.SearcherWork<T> work) {
        return withSearcher(shared -> {
            // Lucene keeps "timed out" per searcher: one per request keeps requests from seeing each other's.
            IndexSearcher searcher = new CourseSearcher(shared.getIndexReader(), statistics, course);
            searcher.setSimilarity(shared.getSimilarity());
            searcher.setTimeout(new QueryTimeoutImpl(timeout.toMillis()));
            T result = work.apply(searcher);
            if (searcher.timedOut()) {
                throw new LimitExceeded(Limit.SEARCH_TIME, timeout.toMillis(), null, "the search took longer "
                        + "than the limit of " + timeout.toMillis() + " ms and was stopped; try fewer or "
                        + "longer words, or again later");
            }
            return result;
        });
    }

    @Override
    public void close() throws IOException {
        counting.shutdownNow();
        current.close();
    }
}

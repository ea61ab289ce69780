package dev.kb.app;

import dev.kb.config.Config;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageService;
import dev.kb.db.Database;
import dev.kb.graph.GraphService;
import dev.kb.ingest.IndexRunReport;
import dev.kb.ingest.IngestLimits;
import dev.kb.ingest.IngestService;
import dev.kb.references.CheckSettings;
import dev.kb.references.LinkChecker;
import dev.kb.references.ReferenceChecks;
import dev.kb.references.ReferenceService;
import dev.kb.search.GapSuggester;
import dev.kb.search.PassageService;
import dev.kb.search.SearchIndex;
import dev.kb.search.SearchIndexer;
import dev.kb.search.SearchService;
import dev.kb.search.SuggestService;
import dev.kb.store.DocumentRow;
import dev.kb.store.DocumentStore;
import dev.kb.store.FullTextBaseline;
import dev.kb.store.RunStore;
import dev.kb.topic.TopicService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens PostgreSQL and the search index, brings the index in line with the database,
 * and wires the services. CLI and tests build the application through here, nowhere else.
 */
public final class Kb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kb.class);

    private final Database database;
    private final SearchIndex index;
    private final IngestService ingest;
    private final SearchIndexer indexer;
    private final Services services;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-link-check");
        thread.setDaemon(true);
        return thread;
    });

    /** The services the HTTP API (and anything else) reads through. */
    public record Services(CourseService courses, TopicService topics, SearchService search, SuggestService suggest,
                           PassageService passages, GapSuggester gaps, GraphService graph, CoverageService coverage,
                           ReferenceService references, Health health) {
    }

    private Kb(Database database, SearchIndex index) {
        this.database = database;
        this.index = index;
        this.ingest = new IngestService(database.dsl(), IngestLimits.DEFAULT);
        this.indexer = new SearchIndexer(database.dsl(), index);
        CourseService courses = new CourseService(database.dsl());
        GapSuggester gaps = new GapSuggester(index);
        this.services = new Services(courses, new TopicService(database.dsl(), courses), new SearchService(index),
                new SuggestService(index), new PassageService(index), gaps, new GraphService(database.dsl(), courses),
                new CoverageService(database.dsl(), courses, gaps), new ReferenceService(database.dsl()),
                new Health(database, index));
    }

    public static Kb open(Config config) {
        Database database = Database.open(config);
        try {
            SearchIndex index = SearchIndex.open(config.luceneDir());
            int interrupted = new RunStore(database.dsl()).failInterrupted();
            if (interrupted > 0) {
                LOG.warn("{} index run(s) were interrupted by an earlier stop and are recorded as failed", interrupted);
            }
            Kb kb = new Kb(database, index);
            Set<String> rebuilt = kb.indexer.reconcile();
            if (!rebuilt.isEmpty()) {
                LOG.info("search index rebuilt from the database for {}", rebuilt);
            }
            return kb;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Indexes a course into PostgreSQL, then brings the search index up to date with that run. */
    public IndexRunReport index(String courseId, Path courseRoot) {
        IndexRunReport report = ingest.index(courseId, courseRoot);
        indexer.apply(report);
        return report;
    }

    /**
     * Checks the course's external links (reusing results younger than the settings' maximum age) and indexes
     * the pages that could be read, so searches find what they say.
     */
    public ReferenceChecks.Summary checkLinks(String courseId, CheckSettings settings, LinkChecker.Progress progress) {
        ReferenceChecks.Summary summary = new ReferenceChecks(database.dsl()).check(courseId, settings, progress);
        indexer.refreshReferences(courseId);
        return summary;
    }

    /**
     * {@link #checkLinks} on a background thread, for a server that should answer while links are checked;
     * failures are logged. The future completes when the check is done.
     */
    public Future<?> checkLinksInBackground(String courseId, CheckSettings settings) {
        return background.submit(() -> {
            try {
                ReferenceChecks.Summary s = checkLinks(courseId, settings, LinkChecker.Progress.NONE);
                LOG.info("external links of {}: {} checked, {} from the cache, by status {}", courseId, s.checked(),
                        s.cached(), s.byStatus());
            } catch (RuntimeException e) {
                if (!background.isShutdown()) {
                    LOG.warn("checking the external links of {} failed: {}", courseId, e.getMessage(), e);
                }
            }
        });
    }

    public Services services() {
        return services;
    }

    /** PostgreSQL's own full-text search over the same documents, for side-by-side evaluation. */
    public FullTextBaseline baseline() {
        return new FullTextBaseline(database.dsl());
    }

    /** Paths of the course's compiled handouts. */
    public Set<String> handouts(String courseId) {
        return new DocumentStore(database.dsl()).list(courseId).stream().filter(DocumentRow::handout)
                .map(DocumentRow::path).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        // A link check still running is stopped before the index and the database it writes to close.
        background.shutdownNow();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a background link check did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            index.close();
        } catch (IOException e) {
            LOG.warn("closing the search index failed", e);
        }
        database.close();
    }
}

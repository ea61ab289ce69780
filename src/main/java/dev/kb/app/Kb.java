package dev.kb.app;

import dev.kb.catalog.CatalogService;
import dev.kb.catalog.GitSettings;
import dev.kb.common.ComputeSlots;
import dev.kb.config.Config;
import dev.kb.config.IndexSettings;
import dev.kb.course.CourseImages;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageService;
import dev.kb.db.Database;
import dev.kb.graph.GraphService;
import dev.kb.ingest.IndexProgress;
import dev.kb.ingest.IndexRunReport;
import dev.kb.ingest.IngestService;
import dev.kb.references.CheckSettings;
import dev.kb.references.LinkChecker;
import dev.kb.references.ReferenceChecks;
import dev.kb.references.ReferenceService;
import dev.kb.search.GapSuggester;
import dev.kb.search.PassageEmbedding;
import dev.kb.search.PassageService;
import dev.kb.search.SearchIndex;
import dev.kb.search.SearchIndexer;
import dev.kb.search.SearchService;
import dev.kb.search.SuggestService;
import dev.kb.store.CourseRow;
import dev.kb.store.FullTextBaseline;
import dev.kb.store.Stores;
import dev.kb.topic.TopicService;
import io.micrometer.core.instrument.FunctionCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
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
    private final Stores stores;
    private final IndexSettings settings;
    private final SearchIndex index;
    private final IngestService ingest;
    private final SearchIndexer indexer;
    /** Embeds passages after their words are published; null when questions are not searched by meaning. */
    private final PassageEmbedding embedding;
    /** A server embeds in the background; a command (kb index, an evaluation) waits for the vectors of its runs. */
    private volatile boolean embedInBackground;
    private final Services services;
    private final Config config;
    private final Metrics metrics;
    private final Jobs jobs;
    /** Bounds the expensive computations (coverage reports) together, so that they leave cores to search. */
    private final ComputeSlots computeSlots = new ComputeSlots();
    /** One index run at a time: the API, the watcher and the command line may all ask for one. */
    private final ReentrantLock indexing = new ReentrantLock();
    private final List<Consumer<IndexRunReport>> indexListeners = new CopyOnWriteArrayList<>();
    /** Courses whose run is under way in this process: their index catches up when the run ends. */
    private final Set<String> indexingNow = ConcurrentHashMap.newKeySet();
    private final IndexRepair repair;
    private final LinkChecks linkChecks;
    private final Sources sources;
    /** Follows the runs other processes on the database publish; started once the index has caught up at open. */
    private RunFollower follower;

    /** The services the HTTP API (and anything else) reads through. */
    public record Services(CourseService courses, TopicService topics, SearchService search, SuggestService suggest,
                           PassageService passages, GapSuggester gaps, GraphService graph, CoverageService coverage,
                           ReferenceService references, Health health, CourseImages images) {
    }

    private Kb(Config config, IndexSettings settings, Database database, SearchIndex index) {
        this.config = config;
        this.stores = new Stores(database.dsl());
        this.jobs = new Jobs(stores.jobs(), config.jobLease());
        this.sources = new Sources(stores, config.dataDir().resolve("git"), new CourseRoots(config.http().courseRoots()),
                this);
        this.database = database;
        this.index = index;
        this.metrics = new Metrics(index);
        FunctionCounter.builder("kb.database.connection.failed.waits", database, Database::failedConnectionWaits)
                .description("Requests for a PostgreSQL connection that waited for the pool and got none; while "
                        + "PostgreSQL is known to be down, requests fail without waiting")
                .register(metrics.registry());
        indexListeners.add(metrics::indexed);
        this.settings = settings;
        this.ingest = new IngestService(stores, config.ingest(), settings.courseWideSteps());
        this.indexer = new SearchIndexer(stores, index, settings.search());
        this.embedding = settings.search().semantics().enabled() ? new PassageEmbedding(stores, index) : null;
        if (embedding != null) {
            indexer.onTopicsPublished(embedding::later);
        }
        this.repair = new IndexRepair(indexer);
        CourseService courses = new CourseService(stores);
        GapSuggester gaps = new GapSuggester(index, settings.search());
        ReferenceService references = new ReferenceService(stores);
        this.services = new Services(courses, new TopicService(stores, courses),
                new SearchService(index, settings.search()), new SuggestService(index),
                new PassageService(index, config.http().publicUrl(), settings.search()), gaps,
                new GraphService(stores, courses, config.limits().maxGraphTopics(), config.limits().maxGraphEdges()),
                new CoverageService(stores, courses, references, gaps, computeSlots), references,
                new Health(database, index, repair::later, this::behind, sources::failing),
                new CourseImages(stores, courses));
        this.linkChecks = new LinkChecks(new ReferenceChecks(stores), indexer, services.coverage());
    }

    /** Courses the search index has yet to catch up with, leaving out those a run of this process is applying now. */
    private Set<String> behind() {
        return indexer.behind().stream().filter(c -> !indexingNow.contains(c)).collect(Collectors.toSet());
    }

    public static Kb open(Config config) {
        return open(config, step -> { });
    }

    /** Opens kb, telling {@code status} each slow step of the start as it begins (for a person waiting at a terminal). */
    public static Kb open(Config config, Consumer<String> status) {
        return open(config, IndexSettings.configured(config.semantic()), status);
    }

    /** Opens kb with search, graph and handout settings of the caller's (an evaluation's) choosing. */
    public static Kb open(Config config, IndexSettings settings, Consumer<String> status) {
        Database database = Database.open(config, status);
        try {
            status.accept("opening the search index");
            SearchIndex index = SearchIndex.open(config.luceneDir(), config.limits().searchTimeout());
            int interrupted = new Stores(database.dsl()).runs().failInterrupted();
            if (interrupted > 0) {
                LOG.warn("{} index run(s) were interrupted by an earlier stop and are recorded as failed", interrupted);
            }
            Kb kb = new Kb(config, settings, database, index);
            Set<String> rebuilt = kb.indexer.reconcile();
            if (!rebuilt.isEmpty()) {
                LOG.info("search index rebuilt from the database for {}", rebuilt);
            }
            kb.follower = new RunFollower(database, kb.indexer, kb.indexing);
            if (kb.embedding != null) {
                // Passages a stopped process had not embedded yet (the index says which).
                kb.index.committedRuns().keySet().forEach(kb.embedding::later);
            }
            return kb;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Indexes a course into PostgreSQL, then brings the search index up to date with that run. */
    public IndexRunReport index(String courseId, Path courseRoot) {
        return index(courseId, courseRoot, false, IndexProgress.NONE);
    }

    /**
     * Indexes a course (every file again when {@code full}) and brings the search index up to date; searches
     * answer from the previous index until the new one is published whole. Runs wait for each other.
     */
    public IndexRunReport index(String courseId, Path courseRoot, boolean full, IndexProgress progress) {
        return index(courseId, courseRoot, full, progress, null);
    }

    /**
     * {@link #index(String, Path, boolean, IndexProgress)} knowing which files changed since the course's last run
     * ({@code changed}, course-relative paths, from a git diff): the others are not read again. Null: not known,
     * every file's hash is compared.
     */
    public IndexRunReport index(String courseId, Path courseRoot, boolean full, IndexProgress progress,
                                Set<String> changed) {
        indexing.lock();
        indexingNow.add(courseId);
        try {
            IndexRunReport report = ingest.index(courseId, courseRoot, full, progress, changed, indexer::apply);
            if (embedding != null && !embedInBackground) {
                embedding.await();
            }
            for (Consumer<IndexRunReport> listener : indexListeners) {
                try {
                    listener.accept(report);
                } catch (RuntimeException e) {
                    LOG.warn("after indexing {}: {}", courseId, e.getMessage(), e);
                }
            }
            return report;
        } finally {
            indexingNow.remove(courseId);
            indexing.unlock();
        }
    }

    /**
     * Runs return once their words are searchable and embed their passages in the background (a server); until a
     * course's passages all have vectors, its questions rank by words alone. Otherwise a run returns when its
     * vectors are there too (a command that exits after the run).
     */
    public void embedInBackground() {
        embedInBackground = true;
    }

    /** Waits until the passages of every run so far are embedded (nothing to wait for when the signal is off). */
    public void awaitEmbedding() {
        if (embedding != null) {
            embedding.await();
        }
    }

    /** Told after every index run (the MCP resources follow the topics this way). */
    public void onIndexed(Consumer<IndexRunReport> listener) {
        indexListeners.add(listener);
    }

    /** Re-indexes a known course from its directory in the background. */
    public Job reindexLater(String courseId, boolean full) {
        CourseRow course = services.courses().require(courseId);
        Path root = Path.of(course.rootPath());
        return jobs.submit(full ? "full reindex" : "reindex", courseId, CourseRoots.realPath(root),
                progress -> index(courseId, root, full, progress));
    }

    /** Removes a course's rows and search documents (its source is no longer followed). */
    void forget(String courseId) {
        indexing.lock();
        try {
            stores.courseLocks().exclusively(courseId, () -> stores.courses().delete(courseId));
            indexer.reconcile();
        } finally {
            indexing.unlock();
        }
    }

    public Jobs jobs() {
        return jobs;
    }

    /** The bound on expensive computations (coverage reports of all courses together). */
    public ComputeSlots computeSlots() {
        return computeSlots;
    }

    public Metrics metrics() {
        return metrics;
    }

    public Config config() {
        return config;
    }

    /**
     * Checks the course's external links (reusing results younger than the settings' maximum age) and indexes
     * the pages that could be read, so searches find what they say.
     */
    public ReferenceChecks.Summary checkLinks(String courseId, CheckSettings settings, LinkChecker.Progress progress) {
        return linkChecks.check(courseId, settings, progress);
    }

    /**
     * {@link #checkLinks} on a background thread, for a server that should answer while links are checked;
     * failures are logged. The future completes when the check is done.
     */
    public Future<?> checkLinksInBackground(String courseId, CheckSettings settings) {
        return linkChecks.checkInBackground(courseId, settings);
    }

    public Services services() {
        return services;
    }

    /** The search index, for an evaluation that ranks with another configuration next to the services'. */
    public SearchIndex searchIndex() {
        return index;
    }

    /** PostgreSQL's own full-text search over the same documents, for side-by-side evaluation. */
    public FullTextBaseline baseline() {
        return stores.baseline();
    }

    /** What {@code index/} said when kb opened (an evaluation varies it next to the services'). */
    public IndexSettings settings() {
        return settings;
    }

    /** The courses followed from their sources (git trees under {@code DATA_DIR/git}), made at the first call. */
    public CatalogService catalog(GitSettings git) {
        return sources.catalog(git);
    }

    /** The courses followed from their sources: sync jobs, push webhooks and their deliveries, courses added at run time. */
    public Sources sources() {
        return sources;
    }

    @Override
    public void close() {
        // Jobs and link checks still running are stopped before the index and the database they write to close.
        if (follower != null) {
            follower.close();
        }
        sources.close();
        jobs.close();
        ingest.close();
        if (embedding != null) {
            embedding.close();
        }
        repair.stop();
        linkChecks.stop();
        try {
            linkChecks.awaitStopped();
            repair.awaitStopped();
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

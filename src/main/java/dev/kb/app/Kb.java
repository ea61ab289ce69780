package dev.kb.app;

import dev.kb.catalog.CatalogService;
import dev.kb.catalog.GitSettings;
import dev.kb.common.ComputeSlots;
import dev.kb.common.Conflict;
import dev.kb.common.InvalidInput;
import dev.kb.config.Config;
import dev.kb.config.IndexSettings;
import dev.kb.course.CourseImages;
import dev.kb.course.CourseService;
import dev.kb.coverage.CoverageService;
import dev.kb.db.Database;
import dev.kb.graph.GraphService;
import dev.kb.ingest.CourseIds;
import dev.kb.ingest.IndexProgress;
import dev.kb.ingest.IndexRunReport;
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
import dev.kb.store.CourseRow;
import dev.kb.store.DocumentRow;
import dev.kb.store.FullTextBaseline;
import dev.kb.store.Stores;
import dev.kb.topic.TopicService;
import io.micrometer.core.instrument.FunctionCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private final Services services;
    private final Config config;
    private final Metrics metrics;
    private final Jobs jobs = new Jobs();
    private final CourseRoots courseRoots;
    /** Registrations are decided one at a time (see {@link #registerLater}). */
    private final Object registering = new Object();
    /** Bounds the expensive computations (coverage reports) together, so that they leave cores to search. */
    private final ComputeSlots computeSlots = new ComputeSlots();
    /** One index run at a time: the API, the watcher and the command line may all ask for one. */
    private final ReentrantLock indexing = new ReentrantLock();
    private final List<Consumer<IndexRunReport>> indexListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-link-check");
        thread.setDaemon(true);
        return thread;
    });
    /** Each course whose last fetch failed, with why: a degraded detail of the health check. */
    private List<String> failingSources() {
        return stores.sources().failing().stream().map(s -> s.courseId() + ": " + s.fetchError()).toList();
    }

    /**
     * The catalog of courses followed from their sources; its git working trees live under {@code DATA_DIR/git}.
     * Made at the first call, with that call's settings.
     */
    public synchronized CatalogService catalog(GitSettings git) {
        if (catalog == null) {
            catalog = new CatalogService(stores, config.dataDir().resolve("git"), git,
                    (courseId, root) -> index(courseId, root, false, IndexProgress.NONE));
            io.micrometer.core.instrument.Gauge.builder("kb.sources.failing", catalog, CatalogService::failingCount)
                    .description("Courses followed from git whose last fetch or index failed; each serves its last "
                            + "indexed commit (/health names them)").register(metrics.registry());
        }
        return catalog;
    }

    /**
     * Fetches a followed course's source and indexes a new commit, in the background (a webhook's work). A fetch
     * that fails fails the job with its one-line reason; the course keeps its last indexed commit.
     */
    public Job syncLater(String courseId) {
        CatalogService followed = catalogOrNull();
        if (followed == null) {
            throw new dev.kb.common.NotFound("course source", courseId);
        }
        return jobs.submit("sync", courseId, CourseRoots.realPath(followed.root(courseId)), progress -> {
            dev.kb.catalog.SyncResult result = followed.sync(courseId);
            if (result.error() != null) {
                throw new IllegalStateException(result.error());
            }
            return result.report();
        });
    }

    /** Push webhooks, or null when no catalog is followed (no source to match a push with). */
    public synchronized dev.kb.catalog.Webhooks webhooks() {
        return catalog == null ? null : catalog.webhooks();
    }

    private synchronized CatalogService catalogOrNull() {
        return catalog;
    }

    /** Rebuilds a search index lost on disk; a link check can take minutes, so not on {@link #background}. */
    private final ExecutorService repairs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-index-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean repairWaiting = new AtomicBoolean();
    /** The courses followed from their sources (git or directory), made at the first {@link #catalog} call. */
    private CatalogService catalog;

    /** The services the HTTP API (and anything else) reads through. */
    public record Services(CourseService courses, TopicService topics, SearchService search, SuggestService suggest,
                           PassageService passages, GapSuggester gaps, GraphService graph, CoverageService coverage,
                           ReferenceService references, Health health, CourseImages images) {
    }

    private Kb(Config config, IndexSettings settings, Database database, SearchIndex index) {
        this.config = config;
        this.stores = new Stores(database.dsl());
        this.database = database;
        this.index = index;
        this.metrics = new Metrics(index);
        FunctionCounter.builder("kb.database.connection.failed.waits", database, Database::failedConnectionWaits)
                .description("Requests for a PostgreSQL connection that waited for the pool and got none; while "
                        + "PostgreSQL is known to be down, requests fail without waiting")
                .register(metrics.registry());
        this.courseRoots = new CourseRoots(config.http().courseRoots());
        indexListeners.add(metrics::indexed);
        this.settings = settings;
        this.ingest = new IngestService(stores, config.ingest(), settings.courseWideSteps());
        this.indexer = new SearchIndexer(stores, index, settings.search().ranking());
        CourseService courses = new CourseService(stores);
        GapSuggester gaps = new GapSuggester(index, settings.search());
        ReferenceService references = new ReferenceService(stores);
        this.services = new Services(courses, new TopicService(stores, courses),
                new SearchService(index, settings.search()), new SuggestService(index),
                new PassageService(index, config.http().publicUrl(), settings.search()), gaps,
                new GraphService(stores, courses, config.limits().maxGraphTopics(), config.limits().maxGraphEdges()),
                new CoverageService(stores, courses, references, gaps, computeSlots), references,
                new Health(database, index, this::repairIndexLater, this::failingSources), new CourseImages(stores, courses));
    }

    /** Rebuilds a search index lost on disk from the database, in the background; one at a time. */
    private void repairIndexLater() {
        if (repairs.isShutdown() || !repairWaiting.compareAndSet(false, true)) {
            return;
        }
        try {
            repairs.execute(() -> {
                repairWaiting.set(false);
                try {
                    indexer.repair();
                } catch (RuntimeException e) {
                    LOG.warn("rebuilding the lost search index failed (tried again at the next health check or "
                            + "run): {}", e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException closing) {
            repairWaiting.set(false);
        }
    }

    public static Kb open(Config config) {
        return open(config, step -> { });
    }

    /** Opens kb, telling {@code status} each slow step of the start as it begins (for a person waiting at a terminal). */
    public static Kb open(Config config, Consumer<String> status) {
        return open(config, IndexSettings.configured(), status);
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
        indexing.lock();
        try {
            IndexRunReport report = ingest.index(courseId, courseRoot, full, progress, indexer::apply);
            for (Consumer<IndexRunReport> listener : indexListeners) {
                try {
                    listener.accept(report);
                } catch (RuntimeException e) {
                    LOG.warn("after indexing {}: {}", courseId, e.getMessage(), e);
                }
            }
            return report;
        } finally {
            indexing.unlock();
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

    /**
     * Registers a course directory (under {@code id}, or a slug of its name) and indexes it in the background.
     * A known id is re-indexed when it is the same directory, and refused when it names another one.
     */
    public Job registerLater(String directory, String id) {
        CourseRoots.Directory allowed = courseRoots.require(directory);
        // Read from where the links lead now: a link inside a root changed later cannot lead a re-index out of it.
        Path root = allowed.real();
        Path named = allowed.named().getFileName();
        String courseId = id != null ? id : CourseIds.slug(named == null ? "course" : named.toString());
        if (!CourseIds.isValid(courseId)) {
            throw new InvalidInput("id", "'" + courseId + "' is not a valid course id: use lower-case letters, digits, "
                    + "'.', '_' and '-' (at most 64)");
        }
        // Decided as one step, so of two requests for one id with different directories exactly one is accepted:
        // queued and running jobs first, the database second. A job stops being pending only after its run has
        // committed, so a registration that completes between the two checks is in the database for the second.
        synchronized (registering) {
            jobs.requireSameDirectory(courseId, root);
            stores.courses().find(courseId)
                    .filter(c -> !CourseRoots.realPath(Path.of(c.rootPath())).equals(root)).ifPresent(c -> {
                        // The other course's directory is not said: error bodies name no server paths.
                        throw new Conflict("the course id '" + courseId + "' is taken by another directory");
                    });
            return jobs.submit("register", courseId, root, progress -> index(courseId, root, false, progress));
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

    /** kb's version, from the jar's manifest. */
    public static String version() {
        String version = Kb.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    /**
     * Checks the course's external links (reusing results younger than the settings' maximum age) and indexes
     * the pages that could be read, so searches find what they say.
     */
    public ReferenceChecks.Summary checkLinks(String courseId, CheckSettings settings, LinkChecker.Progress progress) {
        try {
            ReferenceChecks.Summary summary = new ReferenceChecks(stores).check(courseId, settings, progress);
            indexer.refreshReferences(courseId);
            return summary;
        } finally {
            // Also after a check that stopped half-way: what it wrote changes the coverage reports' link statuses.
            try {
                stores.coverage().linkChecksChanged();
            } catch (RuntimeException e) {
                LOG.warn("the coverage reports could not be marked stale after checking the links of {}: {}",
                        courseId, e.getMessage());
            }
        }
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

    /** Paths of the course's compiled handouts. */
    public Set<String> handouts(String courseId) {
        return stores.documents().list(courseId).stream().filter(DocumentRow::handout)
                .map(DocumentRow::path).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        // Jobs and link checks still running are stopped before the index and the database they write to close.
        synchronized (this) {
            if (catalog != null) {
                catalog.close();
            }
        }
        jobs.close();
        ingest.close();
        repairs.shutdownNow();
        background.shutdownNow();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("a background link check did not stop within 30 s");
            }
            if (!repairs.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("rebuilding the search index did not stop within 30 s");
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

package dev.kb.catalog;

import dev.kb.common.Errors;
import dev.kb.ingest.IndexRunReport;
import dev.kb.store.SourceRow;
import dev.kb.store.SourceStore;
import dev.kb.store.Stores;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The courses kb follows and where each comes from: records every source, brings git courses to their ref's
 * latest commit (fetch, check, index) and remembers what was indexed and what went wrong. A failed fetch or index
 * leaves the course serving the commit indexed last. One sync per course at a time.
 */
public final class CatalogService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

    /**
     * Runs an index of one course from a directory (the wiring's: it publishes to the search index too);
     * {@code changed}: the files a git diff says changed since the indexed commit (null: not known).
     */
    @FunctionalInterface
    public interface Indexer {
        IndexRunReport index(String courseId, Path root, Set<String> changed);
    }

    private final Stores stores;
    private final GitCheckouts git;
    private final Indexer indexer;
    private final GitSettings settings;
    private final Clock clock;
    private final Map<String, CourseSource> sources = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The courses whose last sync failed, kept in memory for the metrics (read without the database). */
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    /** The courses this start's list names (the rest were added at run time). */
    private final Set<String> fromStart = ConcurrentHashMap.newKeySet();
    private final Poller poller;
    private final Webhooks webhooks;

    public CatalogService(Stores stores, Path gitDir, GitSettings settings, Indexer indexer) {
        this(stores, gitDir, settings, indexer, Clock.systemUTC());
    }

    CatalogService(Stores stores, Path gitDir, GitSettings settings, Indexer indexer, Clock clock) {
        this.stores = stores;
        this.git = new GitCheckouts(gitDir, settings);
        this.indexer = indexer;
        this.settings = settings;
        this.clock = clock;
        this.poller = new Poller(this::poll);
        this.webhooks = new Webhooks(settings.webhookSecret(), sources::values, stores.deliveries());
    }

    /** Push webhooks from GitHub and GitLab, matched against the courses followed. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** The folder a course is indexed from: its directory, or its subdirectory of the git working tree. */
    public Path root(String courseId) {
        CourseSource s = source(courseId).orElseThrow(() -> new dev.kb.common.NotFound("course source", courseId));
        if (!s.isGit()) {
            return s.directory();
        }
        Path tree = git.workTree(courseId);
        return s.subdir() == null ? tree : tree.resolve(s.subdir());
    }

    /** Follows a course from now on: records its source and brings it up to date (see {@link #sync}). */
    public SyncResult add(CourseSource source) {
        follow(source);
        return sync(source.id());
    }

    /**
     * Records a course's source and, for git, polls it from now on, without syncing it now (for a directory the
     * caller indexes itself, with its own progress display). A course of the start's own list (catalog file,
     * command line): the next start's list decides whether it is followed again.
     */
    public void follow(CourseSource source) {
        follow(source, false);
    }

    /**
     * {@link #follow(CourseSource)}; {@code addedAtRunTime}: the course is followed again after a restart (an admin
     * added it). A course of the start's list stays one when it is added again.
     */
    public void follow(CourseSource source, boolean addedAtRunTime) {
        boolean runTime = addedAtRunTime && !fromStart.contains(source.id());
        if (!runTime) {
            fromStart.add(source.id());
        }
        sources.put(source.id(), source);
        stores.sources().register(source.id(), source.isGit() ? "git" : "directory",
                source.isGit() ? GitUrls.withoutCredentials(source.url()) : null, source.ref(), source.subdir(),
                source.isGit() ? null : source.directory().toString(), runTime);
        poller.schedule(source.id(), source.isGit() ? source.poll() != null ? source.poll() : settings.poll() : null);
    }

    /** Whether the course is followed because this start's list (catalog file, command line) names it. */
    public boolean fromStart(String courseId) {
        return fromStart.contains(courseId);
    }

    /**
     * The sources added at run time in earlier processes, as they are followed again ({@link CourseSource#poll()}
     * null: the default); ids this start's list names already are left out, the list wins.
     */
    public List<CourseSource> addedAtRunTime() {
        List<CourseSource> added = new java.util.ArrayList<>();
        for (SourceStore.AddedSource a : stores.sources().addedAtRunTime()) {
            if (sources.containsKey(a.courseId())) {
                continue;
            }
            try {
                added.add(a.kind().equals("git") ? CourseSource.git(a.courseId(), a.url(), a.ref(), a.subdir(), null)
                        : CourseSource.directory(a.courseId(), Path.of(a.path())));
            } catch (RuntimeException e) {
                LOG.warn("{}: the source added at run time cannot be followed again: {}", a.courseId(), e.getMessage());
            }
        }
        return added;
    }

    /**
     * Stops following a course: no more polls or syncs, and its git checkout is deleted (a directory source's folder
     * is the trainer's and stays). Waits for a sync of it under way. The caller removes the course's data.
     */
    public void unfollow(String courseId) {
        ReentrantLock lock = locks.computeIfAbsent(courseId, id -> new ReentrantLock());
        lock.lock();
        try {
            poller.schedule(courseId, null);
            CourseSource gone = sources.remove(courseId);
            fromStart.remove(courseId);
            failing.remove(courseId);
            if (gone == null || gone.isGit()) {
                git.delete(courseId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many followed courses failed their last sync (and serve their last indexed commit). */
    public int failingCount() {
        return failing.size();
    }

    public List<CourseSource> sources() {
        return List.copyOf(sources.values());
    }

    public Optional<CourseSource> source(String courseId) {
        return Optional.ofNullable(sources.get(courseId));
    }

    /** Fetches the course's ref and indexes its commit unless that commit is the one indexed already. */
    public SyncResult sync(String courseId) {
        return locked(courseId, source -> {
            if (!source.isGit()) {
                return new SyncResult(courseId, SyncResult.Outcome.INDEXED, null, null, null,
                        indexer.index(courseId, source.directory(), null));
            }
            // Across processes too: a replica syncing the course meanwhile finishes first, and this one then finds
            // its commit indexed (one run per change, whichever replica polled or was told of the push).
            return stores.courseLocks().syncing(courseId, () -> {
                Checkout checkout;
                try {
                    checkout = git.update(source,
                            stores.sources().find(courseId).map(SourceRow::commitSha).orElse(null));
                } catch (GitFailure e) {
                    return failed(courseId, e.getMessage());
                }
                return indexIfNew(source, checkout);
            });
        });
    }

    /**
     * Asks the remote where the ref points (one ls-remote) and syncs only when that is not the commit indexed: the
     * cheap check a poll makes. A commit named by its id never moves, so it is not asked about again once indexed.
     */
    public SyncResult poll(String courseId) {
        CourseSource source = sources.get(courseId);
        if (source == null || !source.isGit()) {
            return null;
        }
        Optional<SourceRow> row = stores.sources().find(courseId);
        String indexed = row.map(SourceRow::commitSha).orElse(null);
        try {
            RemoteRef remote = git.remote(source);
            String now = remote.commit() != null ? remote.commit().name()
                    : indexed != null && indexed.startsWith(remote.commitPrefix()) ? indexed : null;
            if (indexed != null && indexed.equals(now)) {
                stores.sources().fetched(courseId, OffsetDateTime.now(clock), null);
                failing.remove(courseId);
                return new SyncResult(courseId, SyncResult.Outcome.UNCHANGED, null, null, List.of(), null);
            }
        } catch (GitFailure e) {
            return failed(courseId, e.getMessage());
        }
        return sync(courseId);
    }

    private SyncResult indexIfNew(CourseSource source, Checkout checkout) {
        String courseId = source.id();
        Optional<SourceRow> row = stores.sources().find(courseId);
        boolean indexedAlready = row.map(SourceRow::commitSha).filter(checkout.commit().sha()::equals).isPresent()
                && stores.courses().find(courseId).isPresent();
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (indexedAlready) {
            stores.sources().fetched(courseId, now, null);
            failing.remove(courseId);
            return new SyncResult(courseId, SyncResult.Outcome.UNCHANGED, checkout.commit(), null, List.of(), null);
        }
        if (!Files.isDirectory(checkout.root(), LinkOption.NOFOLLOW_LINKS)) {
            return failed(courseId, "subdir '" + source.subdir() + "' is no folder in the checkout");
        }
        IndexRunReport report;
        try {
            report = indexer.index(courseId, checkout.root(),
                    checkout.changed() == null ? null : Set.copyOf(checkout.changed()));
        } catch (RuntimeException e) {
            return failed(courseId, "indexing commit " + checkout.commit().sha().substring(0, 12) + " failed: "
                    + Errors.rootMessage(e));
        }
        Commit c = checkout.commit();
        stores.sources().indexed(courseId, c.sha(), c.date(), c.message(), checkout.ref(), now);
        failing.remove(courseId);
        LOG.info("{}: indexed commit {} ({}){}", courseId, c.sha().substring(0, 12), c.message(),
                checkout.changed() == null ? "" : ", " + checkout.changed().size() + " file(s) changed by the diff");
        return new SyncResult(courseId, SyncResult.Outcome.INDEXED, c, null, checkout.changed(), report);
    }

    private SyncResult failed(String courseId, String error) {
        failing.add(courseId);
        LOG.warn("{}: {} (the course keeps its last indexed commit)", courseId, error);
        try {
            stores.sources().fetched(courseId, OffsetDateTime.now(clock), error);
        } catch (RuntimeException e) {
            LOG.warn("{}: the fetch error could not be recorded: {}", courseId, Errors.rootMessage(e));
        }
        return new SyncResult(courseId, SyncResult.Outcome.FAILED, null, error, null, null);
    }

    private SyncResult locked(String courseId, java.util.function.Function<CourseSource, SyncResult> work) {
        ReentrantLock lock = locks.computeIfAbsent(courseId, id -> new ReentrantLock());
        lock.lock();
        try {
            // Read under the lock: a course unfollowed while this sync waited is not fetched again.
            CourseSource source = sources.get(courseId);
            if (source == null) {
                throw new dev.kb.common.NotFound("course source", courseId);
            }
            return work.apply(source);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        poller.close();
        git.close();
    }
}

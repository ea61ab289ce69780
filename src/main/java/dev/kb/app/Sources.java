package dev.kb.app;

import dev.kb.catalog.CatalogService;
import dev.kb.catalog.CourseSource;
import dev.kb.catalog.GitSettings;
import dev.kb.catalog.SyncResult;
import dev.kb.catalog.Webhooks;
import dev.kb.common.Conflict;
import dev.kb.common.Errors;
import dev.kb.common.InvalidInput;
import dev.kb.common.NotFound;
import dev.kb.ingest.IndexProgress;
import dev.kb.store.CourseRow;
import dev.kb.store.DeliveryStore;
import dev.kb.store.Stores;
import io.micrometer.core.instrument.Gauge;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The courses kb follows from their sources (git or directory): the catalog, made at the first {@link #catalog}
 * call with that call's settings, its sync jobs and webhooks, which sources fail (for the health check), and the
 * courses added and removed at run time (the admin routes; the added ones are followed again after a restart).
 */
public final class Sources {
    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);
    private final Stores stores;
    private final Path gitDir;
    private final Kb kb;
    private final Registrations registrations;
    private CatalogService catalog;

    Sources(Stores stores, Path gitDir, CourseRoots courseRoots, Kb kb) {
        this.stores = stores;
        this.gitDir = gitDir;
        this.kb = kb;
        this.registrations = new Registrations(courseRoots, kb, this);
    }

    /** Each course whose last fetch failed, with why: a degraded detail of the health check. */
    List<String> failing() {
        return stores.sources().failing().stream().map(s -> s.courseId() + ": " + s.fetchError()).toList();
    }

    /** The catalog, made with {@code git} at the first call (later calls get that one). */
    public synchronized CatalogService catalog(GitSettings git) {
        if (catalog == null) {
            catalog = new CatalogService(stores, gitDir, git,
                    (courseId, root, changed) -> kb.index(courseId, root, false, IndexProgress.NONE, changed));
            Gauge.builder("kb.sources.failing", catalog, CatalogService::failingCount)
                    .description("Courses followed from git whose last fetch or index failed; each serves its last "
                            + "indexed commit (/health names them)").register(kb.metrics().registry());
        }
        return catalog;
    }

    /** The catalog; made with the default git settings when nothing made it before (a kb not started by serve). */
    CatalogService catalog() {
        return catalog(GitSettings.DEFAULT);
    }

    private synchronized CatalogService catalogOrNull() {
        return catalog;
    }

    /**
     * Fetches a followed course's source and indexes a new commit, in the background. A fetch that fails fails the
     * job with its one-line reason; the course keeps its last indexed commit.
     */
    public Job syncLater(String courseId) {
        CatalogService followed = catalogOrNull();
        if (followed == null || followed.source(courseId).isEmpty()) {
            throw new NotFound("course source", courseId);
        }
        return syncJob("sync", followed, courseId);
    }

    private Job syncJob(String kind, CatalogService followed, String courseId) {
        return kb.jobs().submit(kind, courseId, CourseRoots.realPath(followed.root(courseId)), progress -> {
            SyncResult result = followed.sync(courseId);
            if (result.error() != null) {
                throw new IllegalStateException(result.error());
            }
            return result.report();
        });
    }

    /**
     * Registers a course directory (under {@code id}, or a slug of its name) and indexes it in the background.
     * A known id is re-indexed when it is the same directory, and refused when it names another one.
     */
    public Job registerLater(String directory, String id) {
        return registrations.registerLater(directory, id);
    }

    /**
     * Follows a git repository from now on (and after restarts) and syncs it in the background. A file:// URL must
     * lead into the course roots, as a directory must. The same source again syncs it; an id taken by another
     * source or course is refused.
     */
    public Job addLater(String url, String ref, String subdir, String id) {
        CourseSource source;
        try {
            source = CourseSource.git(id != null ? id : CourseSource.idFromUrl(url), url, ref, subdir, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("git", e.getMessage());
        }
        if (url.regionMatches(true, 0, "file:", 0, 5)) {
            Path local;
            try {
                local = Path.of(URI.create(url));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("git", "'" + url + "' is not a usable file URL");
            }
            registrations.requireAllowed(local.toString());
        }
        CatalogService followed = catalog();
        synchronized (registrations) {
            String courseId = source.id();
            Optional<CourseSource> known = followed.source(courseId);
            if (known.isPresent() && !(known.get().isGit() && known.get().url().equals(source.url())
                    && Objects.equals(known.get().ref(), source.ref())
                    && Objects.equals(known.get().subdir(), source.subdir()))) {
                throw new Conflict("the course id '" + courseId + "' is taken by another source");
            }
            Optional<CourseRow> course = kb.services().courses().find(courseId);
            if (known.isEmpty() && course.isPresent()) {
                throw new Conflict("the course id '" + courseId + "' is taken by a course indexed from elsewhere; "
                        + "delete it first");
            }
            if (known.isEmpty()) {
                followed.follow(source, true);
            } // else followed as it is (a catalog entry keeps its poll and stays the catalog's): synced again
            return syncJob("add", followed, courseId);
        }
    }

    /**
     * Follows again the courses added at run time before this process started (ids this start's list names are
     * the list's), each synced in the background; the jobs, in id order.
     */
    public List<Job> resumeAddedAtRunTime() {
        CatalogService followed = catalog();
        List<Job> jobs = new ArrayList<>();
        for (CourseSource source : followed.addedAtRunTime()) {
            followed.follow(source, true);
            jobs.add(syncJob("resume", followed, source.id()));
        }
        return jobs;
    }

    /**
     * Removes a course: stops following it, deletes its git checkout, its rows and its search documents. A course
     * the start's list (catalog file, command line) names is refused: the next start would bring it back.
     */
    public void remove(String courseId) {
        CatalogService followed = catalog();
        if (followed.fromStart(courseId)) {
            throw new Conflict("the course '" + courseId + "' is followed from the catalog file or the command line: "
                    + "remove it there and restart (kb would follow it again at its next start)");
        }
        if (stores.courses().find(courseId).isEmpty() && stores.sources().find(courseId).isEmpty()
                && followed.source(courseId).isEmpty()) {
            throw new NotFound("course", courseId);
        }
        followed.unfollow(courseId);
        kb.forget(courseId);
        kb.metrics().forget(courseId);
    }

    synchronized void close() {
        if (catalog != null) {
            catalog.close();
        }
    }

    /** What a webhook delivery did: the forge's answer, and the sync job of each course it started. */
    public record Received(Webhooks.Outcome outcome, List<Job> jobs) {
    }

    /**
     * Acts on a push webhook: a sync job for each course that follows the pushed repository and ref (once per delivery
     * across every kb process on the database), and the delivery logged for each course of the repository.
     *
     * @throws Webhooks.Refused when the delivery is not the forge's, or no course follows the push
     */
    public Received receive(Webhooks.Delivery delivery) {
        CatalogService followed = catalogOrNull();
        if (followed == null) {
            throw new NotFound("followed repository", "(kb follows no git course)");
        }
        Webhooks hooks = followed.webhooks();
        Webhooks.Outcome outcome;
        try {
            outcome = hooks.receive(delivery);
        } catch (Webhooks.Refused e) {
            log(hooks, delivery, "refused", e.getMessage(), Map.of());
            throw e;
        }
        List<Job> jobs = outcome.courses().stream().map(this::syncLater).toList();
        Map<String, String> byCourse = new HashMap<>();
        jobs.forEach(j -> byCourse.put(j.course(), j.id()));
        log(hooks, delivery, outcome.status(), outcome.message(), byCourse);
        return new Received(outcome, jobs);
    }

    /** The log is for people: a delivery is answered as it was handled even when its entry cannot be written. */
    private static void log(Webhooks hooks, Webhooks.Delivery delivery, String result, String message,
                            Map<String, String> jobs) {
        try {
            hooks.log(delivery, result, message, jobs);
        } catch (RuntimeException e) {
            LOG.warn("webhook delivery {} not logged: {}", delivery.deliveryId(), Errors.describe(e));
        }
    }

    /** The last webhook deliveries that concerned a course (newest first), with what kb did about each. */
    public List<DeliveryStore.Logged> deliveries(String courseId) {
        if (stores.sources().find(courseId).isEmpty()) {
            throw new NotFound("course", courseId);
        }
        return stores.deliveries().recent(courseId);
    }
}

package dev.kb.app;

import dev.kb.catalog.CatalogService;
import dev.kb.catalog.GitSettings;
import dev.kb.catalog.SyncResult;
import dev.kb.catalog.Webhooks;
import dev.kb.common.Errors;
import dev.kb.common.NotFound;
import dev.kb.ingest.IndexProgress;
import dev.kb.store.DeliveryStore;
import dev.kb.store.Stores;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The courses kb follows from their sources (git or directory): the catalog, made at the first {@link #catalog}
 * call with that call's settings, its sync jobs and webhooks, and which sources fail (for the health check).
 */
public final class Sources {
    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);
    private final Stores stores;
    private final Path gitDir;
    private final Kb kb;
    private CatalogService catalog;

    Sources(Stores stores, Path gitDir, Kb kb) {
        this.stores = stores;
        this.gitDir = gitDir;
        this.kb = kb;
    }

    /** Each course whose last fetch failed, with why: a degraded detail of the health check. */
    List<String> failing() {
        return stores.sources().failing().stream().map(s -> s.courseId() + ": " + s.fetchError()).toList();
    }

    synchronized CatalogService catalog(GitSettings git) {
        if (catalog == null) {
            catalog = new CatalogService(stores, gitDir, git,
                    (courseId, root) -> kb.index(courseId, root, false, IndexProgress.NONE));
            Gauge.builder("kb.sources.failing", catalog, CatalogService::failingCount)
                    .description("Courses followed from git whose last fetch or index failed; each serves its last "
                            + "indexed commit (/health names them)").register(kb.metrics().registry());
        }
        return catalog;
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
        if (followed == null) {
            throw new NotFound("course source", courseId);
        }
        return kb.jobs().submit("sync", courseId, CourseRoots.realPath(followed.root(courseId)), progress -> {
            SyncResult result = followed.sync(courseId);
            if (result.error() != null) {
                throw new IllegalStateException(result.error());
            }
            return result.report();
        });
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

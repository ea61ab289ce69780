package dev.kb.app;

import dev.kb.catalog.CatalogService;
import dev.kb.catalog.GitSettings;
import dev.kb.catalog.SyncResult;
import dev.kb.catalog.Webhooks;
import dev.kb.common.NotFound;
import dev.kb.ingest.IndexProgress;
import dev.kb.store.Stores;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.util.List;

/**
 * The courses kb follows from their sources (git or directory): the catalog, made at the first {@link #catalog}
 * call with that call's settings, its sync jobs and webhooks, and which sources fail (for the health check).
 */
final class Sources {
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

    /** A fetch that fails fails the job with its one-line reason; the course keeps its last indexed commit. */
    Job syncLater(String courseId) {
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

    synchronized Webhooks webhooks() {
        return catalog == null ? null : catalog.webhooks();
    }
}

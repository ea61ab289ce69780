package dev.kb.app;

import dev.kb.coverage.CoverageService;
import dev.kb.references.CheckSettings;
import dev.kb.references.LinkChecker;
import dev.kb.references.ReferenceChecks;
import dev.kb.search.SearchIndexer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a course's external links, indexes the pages that could be read and marks the coverage reports stale,
 * on the caller's thread (the command line) or on a background thread of its own (a server, which answers while
 * a check takes minutes). See {@link Kb#checkLinks}.
 */
final class LinkChecks {
    private static final Logger LOG = LoggerFactory.getLogger(LinkChecks.class);

    private final ReferenceChecks checks;
    private final SearchIndexer indexer;
    private final CoverageService coverage;
    private final ExecutorService background = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-link-check");
        thread.setDaemon(true);
        return thread;
    });

    LinkChecks(ReferenceChecks checks, SearchIndexer indexer, CoverageService coverage) {
        this.checks = checks;
        this.indexer = indexer;
        this.coverage = coverage;
    }

    ReferenceChecks.Summary check(String courseId, CheckSettings settings, LinkChecker.Progress progress) {
        try {
            ReferenceChecks.Summary summary = checks.check(courseId, settings, progress);
            indexer.refreshReferences(courseId);
            return summary;
        } finally {
            // Also after a check that stopped half-way: what it wrote changes the coverage reports' link statuses.
            try {
                coverage.linkChecksChanged();
            } catch (RuntimeException e) {
                LOG.warn("the coverage reports could not be marked stale after checking the links of {}: {}",
                        courseId, e.getMessage());
            }
        }
    }

    Future<?> checkInBackground(String courseId, CheckSettings settings) {
        return background.submit(() -> {
            try {
                ReferenceChecks.Summary s = check(courseId, settings, LinkChecker.Progress.NONE);
                LOG.info("external links of {}: {} checked, {} from the cache, by status {}", courseId, s.checked(),
                        s.cached(), s.byStatus());
            } catch (RuntimeException e) {
                if (!background.isShutdown()) {
                    LOG.warn("checking the external links of {} failed: {}", courseId, e.getMessage(), e);
                }
            }
        });
    }

    /** Interrupts a running background check and refuses new ones. */
    void stop() {
        background.shutdownNow();
    }

    /** Waits (up to 30 s) for a background check stopped by {@link #stop()} to end. */
    void awaitStopped() throws InterruptedException {
        if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("a background link check did not stop within 30 s");
        }
    }
}

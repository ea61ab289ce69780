package dev.kb.app;

import dev.kb.search.SearchIndexer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a search index lost on disk from the database, on a thread of its own: a health check that notices the
 * loss asks for it and answers at once. Asking again while a rebuild waits to start changes nothing, so checks
 * that come often queue at most one.
 */
final class IndexRepair {
    private static final Logger LOG = LoggerFactory.getLogger(IndexRepair.class);

    private final SearchIndexer indexer;
    /** A link check can take minutes, so not on the link checks' thread. */
    private final ExecutorService repairs = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-index-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean repairWaiting = new AtomicBoolean();

    IndexRepair(SearchIndexer indexer) {
        this.indexer = indexer;
    }

    /** Rebuilds a search index lost on disk from the database, in the background; one at a time. */
    void later() {
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

    /** Interrupts a running rebuild and refuses new ones. */
    void stop() {
        repairs.shutdownNow();
    }

    /** Waits (up to 30 s) for a rebuild stopped by {@link #stop()} to end. */
    void awaitStopped() throws InterruptedException {
        if (!repairs.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("rebuilding the search index did not stop within 30 s");
        }
    }
}

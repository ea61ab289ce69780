package dev.kb.app;

import dev.kb.db.Database;
import dev.kb.db.Notices;
import dev.kb.search.SearchIndexer;
import dev.kb.store.RunPublisher;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the runs other kb processes on the same database publish: each run is announced when it commits
 * ({@link RunPublisher#CHANNEL}), and on each announcement this process's search index catches up. Whenever the
 * listening connection is made (at start, and again after it was lost) it catches up first, for what it missed
 * while not listening. Announcements of this process's own runs find nothing to do.
 */
final class RunFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunFollower.class);
    /** How long one wait for announcements lasts: also how soon a close is noticed. */
    private static final Duration WAIT = Duration.ofSeconds(1);
    /** Between attempts to listen again after the connection was lost. */
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Database database;
    private final SearchIndexer indexer;
    /** This process's index runs: catching up waits for the one under way, which may be applying the same run. */
    private final Lock indexing;
    private final Thread thread;
    private volatile boolean running = true;

    RunFollower(Database database, SearchIndexer indexer, Lock indexing) {
        this.database = database;
        this.indexer = indexer;
        this.indexing = indexing;
        this.thread = new Thread(this::follow, "kb-run-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        boolean lost = false;
        while (running) {
            try (Notices notices = database.listen(RunPublisher.CHANNEL)) {
                if (lost) {
                    LOG.info("listening for other processes' index runs again");
                    lost = false;
                }
                catchUp();
                while (running) {
                    if (!notices.await(WAIT).isEmpty()) {
                        catchUp();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.warn("not following other processes' index runs for now ({}); trying again every {} s",
                            e.getMessage(), RETRY.toSeconds());
                    lost = true;
                }
                sleep(RETRY);
            }
        }
    }

    /** Rebuilds the courses whose newest run this index lacks (and drops those the database no longer has). */
    private void catchUp() {
        indexing.lock();
        try {
            indexer.repair();
            Set<String> rebuilt = indexer.reconcile();
            if (!rebuilt.isEmpty()) {
                LOG.info("caught up with index runs another process published: {}", rebuilt);
            }
        } finally {
            indexing.unlock();
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(WAIT.multipliedBy(3).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

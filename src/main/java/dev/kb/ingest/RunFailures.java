package dev.kb.ingest;

import dev.kb.store.RunStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records failed index runs. A run fails most often because PostgreSQL went away or ran out of disk, and then the
 * write that marks it failed fails too: such a run would stay "running" until kb restarts. Its failure is kept here
 * and written again every {@link #RETRY} until PostgreSQL takes it, and before the next run starts.
 */
final class RunFailures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunFailures.class);
    static final Duration RETRY = Duration.ofSeconds(2);

    private final RunStore runs;
    /** Run id → its error, in the order the runs failed. */
    private final Map<Long, String> pending = new LinkedHashMap<>();
    private final ScheduledThreadPoolExecutor retry = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "kb-run-failures");
        thread.setDaemon(true);
        return thread;
    });
    private boolean scheduled;

    RunFailures(RunStore runs) {
        this.runs = runs;
        // The thread goes when nothing is pending, so a kb that never fails a run keeps none.
        retry.setKeepAliveTime(30, TimeUnit.SECONDS);
        retry.allowCoreThreadTimeOut(true);
    }

    /** Marks the run failed now, or as soon as the database takes it. */
    synchronized void record(long runId, String error) {
        pending.put(runId, error);
        flush();
    }

    /** Writes the failures still pending; those the database does not take yet are tried again later. */
    synchronized void flush() {
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var failure = it.next();
            try {
                runs.fail(failure.getKey(), failure.getValue());
                it.remove();
            } catch (RuntimeException notYet) {
                LOG.debug("run {} cannot be recorded as failed yet: {}", failure.getKey(), notYet.getMessage());
                break;
            }
        }
        if (!pending.isEmpty() && !scheduled && !retry.isShutdown()) {
            scheduled = true;
            retry.schedule(this::retry, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void retry() {
        scheduled = false;
        int before = pending.size();
        flush();
        if (pending.size() < before) {
            LOG.info("{} failed index run(s) recorded as failed now that the database answers", before - pending.size());
        }
    }

    @Override
    public void close() {
        retry.shutdownNow();
    }
}

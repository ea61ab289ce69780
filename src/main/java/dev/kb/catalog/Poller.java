package dev.kb.catalog;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks each git course's remote for a new commit every so often, one course at a time (one thread). */
final class Poller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final Consumer<String> poll;
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-git-poll");
        thread.setDaemon(true);
        return thread;
    });

    Poller(Consumer<String> poll) {
        this.poll = poll;
    }

    /** Polls the course every {@code every} from now on (replacing an earlier schedule); zero or null: never. */
    void schedule(String courseId, Duration every) {
        ScheduledFuture<?> old = scheduled.remove(courseId);
        if (old != null) {
            old.cancel(false);
        }
        if (every == null || every.isZero() || timer.isShutdown()) {
            return;
        }
        long millis = Math.max(1, every.toMillis());
        scheduled.put(courseId, timer.scheduleWithFixedDelay(() -> {
            try {
                poll.accept(courseId);
            } catch (RuntimeException e) {
                // A failing poll must not end the schedule: the next one may find the remote back.
                LOG.warn("polling {} failed: {}", courseId, e.getMessage(), e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

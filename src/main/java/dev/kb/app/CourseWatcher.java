package dev.kb.app;

import dev.kb.common.DatabaseUnavailable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-indexes a course shortly after its files change, so a trainer editing a document during a lab sees the
 * change in search a moment later. Changes are gathered until the directory has been quiet for a short while
 * (an editor's save is several events), then one incremental run indexes what changed. Hidden folders such as
 * {@code .git} are not watched, as the scanner does not read them. While PostgreSQL is away the run is tried again
 * every few seconds, so the change is indexed once it is back.
 */
public final class CourseWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CourseWatcher.class);
    static final Duration QUIET = Duration.ofMillis(250);
    /** How soon changes are indexed again after PostgreSQL could not be reached. */
    static final Duration RETRY = Duration.ofSeconds(2);

    private final Kb kb;
    private final String courseId;
    private final Path root;
    private final WatchService watcher;
    private final Map<WatchKey, Path> keys = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private CourseWatcher(Kb kb, String courseId, Path root) throws IOException {
        this.kb = kb;
        this.courseId = courseId;
        this.root = root.toAbsolutePath().normalize();
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree(this.root);
        this.thread = new Thread(this::loop, "kb-watch-" + courseId);
        this.thread.setDaemon(true);
    }

    /** Watches the course directory until closed. */
    public static CourseWatcher start(Kb kb, String courseId, Path root) {
        try {
            CourseWatcher w = new CourseWatcher(kb, courseId, root);
            w.thread.start();
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + root + ": " + e.getMessage(), e);
        }
    }

    private void registerTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (!d.equals(root) && d.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                keys.put(d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                        StandardWatchEventKinds.ENTRY_MODIFY), d);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop() {
        long due = 0;
        boolean pending = false;
        while (running) {
            WatchKey key;
            try {
                key = watcher.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            }
            if (key != null) {
                pending |= handle(key);
                due = System.nanoTime() + QUIET.toNanos();
            }
            if (pending && System.nanoTime() - due >= 0) {
                pending = !reindex();
                due = System.nanoTime() + RETRY.toNanos();
            }
        }
    }

    /** Takes the key's events; whether any concerns the course. */
    private boolean handle(WatchKey key) {
        Path dir = keys.get(key);
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                relevant = true;
                continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (child.getFileName().toString().startsWith(".")) {
                continue; // hidden files and folders, editors' swap files
            }
            relevant = true;
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    registerTree(child);
                } catch (IOException e) {
                    LOG.warn("cannot watch the new folder {}: {}", child, e.getMessage());
                }
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
        return relevant;
    }

    /** Indexes the changes; false when they are still to be indexed because PostgreSQL could not be reached. */
    private boolean reindex() {
        try {
            var run = kb.index(courseId, root);
            LOG.info("re-indexed {} after a change: {} parsed, {} removed", courseId, run.filesParsed(), run.filesRemoved());
            return true;
        } catch (RuntimeException e) {
            // The change happened all the same: without another try it would wait for the next edit.
            boolean retry = DatabaseUnavailable.isCauseOf(e);
            LOG.warn("re-indexing {} after a change failed{}: {}", courseId,
                    retry ? " (will try again in " + RETRY.toSeconds() + " s)" : "", e.getMessage());
            return !retry;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            watcher.close();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (IOException e) {
            LOG.debug("closing the watcher", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

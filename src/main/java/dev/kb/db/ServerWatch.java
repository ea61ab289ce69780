package dev.kb.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts kb's embedded PostgreSQL again when its process is gone (killed, crashed, out of memory): the same data
 * directory, port and settings, so the pool's connections come back without a restart of kb. Looks every
 * {@link #EVERY} at the process named in {@code postmaster.pid}; a server that runs but does not answer is left to
 * PostgreSQL's own recovery.
 */
final class ServerWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerWatch.class);
    static final Duration EVERY = Duration.ofSeconds(1);
    /** After a failed start, the next try waits this long: the cause (a full disk) may take a while to go. */
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(5);
    private static final Duration START_WAIT = Duration.ofSeconds(60);

    private final Path dir;
    private final ServerLog log;
    private final List<String> start;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "kb-postgres-watch");
        thread.setDaemon(true);
        return thread;
    });
    private long nextTry;
    private String lastFailure;
    private volatile boolean closed;
    private final Thread onExit = new Thread(() -> closed = true, "kb-postgres-watch-exit");

    private ServerWatch(Path dir, ServerLog log, List<String> start) {
        this.dir = dir;
        this.log = log;
        this.start = start;
    }

    /** Watches the server now running in {@code dir}; restarts it with pg_ctl from the same installation. */
    static ServerWatch start(Path dir, int port, Map<String, String> settings, ServerLog log) {
        Optional<Path> pgCtl = postmasterPid(dir).flatMap(pid -> ProcessHandle.of(pid))
                .flatMap(p -> p.info().command()).map(command -> Path.of(command).resolveSibling(
                        System.getProperty("os.name").startsWith("Windows") ? "pg_ctl.exe" : "pg_ctl"))
                .filter(Files::isExecutable);
        if (pgCtl.isEmpty()) {
            LOG.warn("the embedded PostgreSQL cannot be restarted should it stop: its pg_ctl was not found");
            return new ServerWatch(dir, log, List.of());
        }
        // pg_ctl hands the options to a shell, as zonky does on the first start: the same options, the same server.
        StringBuilder options = new StringBuilder("-p " + port + " -F");
        settings.forEach((key, value) -> options.append(" -c ").append(key).append('=').append(value));
        List<String> command = new ArrayList<>();
        // PostgreSQL refuses to run as root; zonky then runs it in a user namespace of its own, and so does this.
        Optional<Path> unshare = "root".equals(System.getProperty("user.name")) ? onPath("unshare") : Optional.empty();
        unshare.ifPresent(u -> command.addAll(List.of(u.toString(), "-U")));
        command.addAll(List.of(pgCtl.get().toString(), "-D", dir.toString(), "-o", options.toString(), "-w", "-t",
                Long.toString(START_WAIT.toSeconds()), "start"));
        ServerWatch watch = new ServerWatch(dir, log, List.copyOf(command));
        // zonky stops the server from a shutdown hook of its own: that is no crash to recover from.
        Runtime.getRuntime().addShutdownHook(watch.onExit);
        watch.timer.scheduleWithFixedDelay(watch::check, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(directory, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** A value for a shell word in single quotes, as pg_ctl's shell reads the server's options. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private void check() {
        if (closed || isRunning() || System.nanoTime() < nextTry) {
            return;
        }
        Optional<Long> dead = postmasterPid(dir);
        if (dead.isPresent() && ProcessHandle.of(dead.get()).isPresent()) {
            // Dead but not yet reaped: PostgreSQL would take its lock file for a live server's. Its children go
            // within moments of it; then the lock file is stale and the start can go ahead.
            LOG.debug("the embedded PostgreSQL's process {} has died and waits to be reaped", dead.get());
            return;
        }
        if (closed) {
            return;
        }
        LOG.warn("the embedded PostgreSQL in {} has stopped: starting it again", dir);
        long offset = log.end();
        try {
            Process pgCtl = new ProcessBuilder(start).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.file().toFile())).start();
            if (pgCtl.waitFor(START_WAIT.toSeconds() + 10, TimeUnit.SECONDS) && pgCtl.exitValue() == 0) {
                LOG.info("the embedded PostgreSQL in {} runs again", dir);
                lastFailure = null;
                return;
            }
            pgCtl.destroy();
            failed(log.cause(offset).orElse("pg_ctl could not start it"));
        } catch (IOException e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failed(String cause) {
        nextTry = System.nanoTime() + AFTER_FAILURE.toNanos();
        if (!cause.equals(lastFailure)) {
            LOG.warn("the embedded PostgreSQL in {} did not start again ({}); trying again every {} s", dir, cause,
                    AFTER_FAILURE.toSeconds());
        }
        lastFailure = cause;
    }

    /** Whether the postmaster named in postmaster.pid is a live process (a zombie is not). */
    boolean isRunning() {
        return postmasterPid(dir).map(ServerWatch::isLive).orElse(false);
    }

    static Optional<Long> postmasterPid(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean isLive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        // A killed process nobody has reaped yet still answers as alive; Linux says it is a zombie ("Z").
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException | RuntimeException notLinux) {
            return true;
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting: the hook runs anyway.
        }
        timer.shutdownNow();
        try {
            timer.awaitTermination(START_WAIT.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.kb.cli;

import dev.kb.api.ApiServer;
import dev.kb.app.CourseWatcher;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Index a course (incrementally) and serve the REST API until stopped, checking external "
                + "links in the background unless --offline. Without PATH, serves the small example course that "
                + "ships with kb.")
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    KbCommand kb;

    @Spec
    CommandSpec spec;

    @Option(names = "--watch", description = "Re-index the course moments after a file of it changes.")
    boolean watch;

    // MCP sessions: only a server keeps them (see Config.McpLimits for the defaults' reasons).
    @Option(names = "--mcp-max-sessions", paramLabel = "N",
            defaultValue = "${env:KB_MCP_MAX_SESSIONS:-1000}",
            description = "MCP sessions kept at once; one more is refused with 503 (env KB_MCP_MAX_SESSIONS, "
                    + "default ${DEFAULT-VALUE}).")
    int mcpMaxSessions;

    @Option(names = "--mcp-max-sessions-per-address", paramLabel = "N",
            defaultValue = "${env:KB_MCP_MAX_SESSIONS_PER_ADDRESS:-100}",
            description = "MCP sessions of one client address (IPv6: its /64); one more is refused with 429. Behind "
                    + "a proxy all clients share its address (env KB_MCP_MAX_SESSIONS_PER_ADDRESS, default "
                    + "${DEFAULT-VALUE}).")
    int mcpMaxSessionsPerAddress;

    @Option(names = "--mcp-session-idle", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:KB_MCP_SESSION_IDLE:-10m}",
            description = "An MCP session without requests or an open stream for this long ends, e.g. 10m "
                    + "(env KB_MCP_SESSION_IDLE, default ${DEFAULT-VALUE}).")
    Duration mcpSessionIdle;

    @Parameters(paramLabel = "PATH", arity = "0..1",
            description = "The course directory (its README.md is the agenda); default: the example course.")
    Path path;

    @Override
    public Integer call() throws Exception {
        Config config = kb.config().withMcp(mcpLimits());
        Path coursePath = path != null ? path : ExampleCourse.extractTo(config.dataDir().resolve("example-course"));
        CourseDirectory course = CourseDirectory.of(spec, coursePath, kb.courseId);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Kb app = Kb.open(config)) {
            RunSummary.print(out, app.index(course.id(), course.path()));
            if (!kb.offline) {
                // The API answers at once; pages found by the check become searchable when it finishes.
                app.checkLinksInBackground(course.id(), kb.checkSettings());
            }
            Javalin server = ApiServer.create(app);
            Ports.start(server, config.port());
            CourseWatcher watcher = watch ? CourseWatcher.start(app, course.id(), course.path()) : null;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (watcher != null) {
                    watcher.close();
                }
                server.stop();
                stopping.countDown();
                // Hold the JVM until the main thread has closed the index and the database.
                awaitQuietly(closed);
            }, "kb-shutdown"));
            out.printf("kb serves %s at http://localhost:%d/api/v1/courses/%s (contract: /openapi.yaml; MCP: /mcp;%s "
                    + "Ctrl+C stops)%n", course.id(), server.port(), course.id(), watch ? " watching for changes;" : "");
            out.flush();
            stopping.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private Config.McpLimits mcpLimits() {
        try {
            return new Config.McpLimits(mcpMaxSessions, mcpMaxSessionsPerAddress, mcpSessionIdle);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

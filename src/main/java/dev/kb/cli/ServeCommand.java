package dev.kb.cli;

import dev.kb.api.ApiServer;
import dev.kb.app.CourseWatcher;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Index a course (incrementally) and serve the REST API until stopped, checking external "
                + "links in the background unless --offline. Without PATH, serves the small example course that "
                + "ships with kb.")
final class ServeCommand extends IndexingCommand implements Callable<Integer> {
    @Mixin
    HttpOptions http;

    @Mixin
    LinkCheckOptions links;

    @Mixin
    McpOptions mcp;

    @Option(names = "--watch", description = "Re-index the course moments after a file of it changes.")
    boolean watch;

    @Parameters(paramLabel = "PATH", arity = "0..1",
            description = "The course directory (its README.md is the agenda); default: the example course.")
    Path path;

    @Override
    public Integer call() throws Exception {
        // Bad arguments first (exit 2), then the port (exit 1): both before PostgreSQL starts and the course is indexed.
        Path coursePath = path != null ? path : database.dataDir.resolve("example-course");
        Config config = database.config(http.port, http.settings(coursePath.toAbsolutePath().normalize()),
                ingest.limits()).withMcp(mcp.limits());
        if (path == null) {
            ExampleCourse.extractTo(coursePath);
        }
        CourseDirectory course = CourseDirectory.of(spec, coursePath, courseId.courseId);
        // serve prints no results, only what it is doing: all of it goes to stderr, in order.
        PrintWriter err = spec.commandLine().getErr();
        StartupStatus status = StartupStatus.onStderr(err);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Ports.Reservation port = Ports.reserve(config.port()); Kb app = Kb.open(config, status)) {
            RunSummary.print(err, app.index(course.id(), course.path(), false, status.indexing(course.id())));
            if (!links.offline) {
                // The API answers at once; pages found by the check become searchable when it finishes.
                app.checkLinksInBackground(course.id(), links.settings());
            }
            Javalin server = ApiServer.create(app);
            port.start(server);
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
            status.accept(String.format("serving %s at http://localhost:%d/api/v1/courses/%s (pages: http://localhost:%d/; "
                    + "contract: /openapi.yaml; MCP: /mcp;%s Ctrl+C stops)", course.id(), server.port(), course.id(),
                    server.port(), watch ? " watching for changes;" : ""));
            stopping.await();
        } finally {
            closed.countDown();
        }
        return 0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

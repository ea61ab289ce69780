package dev.kb.cli;

import dev.kb.api.ApiServer;
import dev.kb.app.CourseWatcher;
import dev.kb.app.Job;
import dev.kb.app.Kb;
import dev.kb.catalog.CatalogService;
import dev.kb.catalog.CourseSource;
import dev.kb.catalog.GitUrls;
import dev.kb.catalog.SyncResult;
import dev.kb.config.Config;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Index courses (incrementally) from directories, git repositories or a catalog file and serve "
                + "the REST API until stopped, checking external links in the background unless --offline. Without "
                + "a source, serves the small example course that ships with kb.")
final class ServeCommand extends IndexingCommand implements Callable<Integer> {
    @Mixin
    HttpOptions http;

    @Mixin
    LinkCheckOptions links;

    @Mixin
    McpOptions mcp;

    @Option(names = "--watch", description = "Re-index the course moments after a file of it changes.")
    boolean watch;

    @Option(names = "--job-lease", paramLabel = "DURATION", defaultValue = "${env:KB_JOB_LEASE:-30s}",
            converter = DurationConverter.class,
            description = "How long a job stays held by this process without a renewal (renewed every third of it); "
                    + "a job of a process that died is failed when it ends (env KB_JOB_LEASE, default ${DEFAULT-VALUE}).")
    Duration jobLease;

    @Parameters(paramLabel = "SOURCE", arity = "0..*",
            description = "Course directories (each README.md is the agenda) or git repository URLs (https://, "
                    + "ssh://, git@host:path, file://; the remote's HEAD); default: the example course.")
    List<String> sources;

    @Mixin
    GitOptions git;

    @Override
    public Integer call() throws Exception {
        // Bad arguments first (exit 2), then the port (exit 1): both before PostgreSQL starts and the course is indexed.
        List<CourseSource> courses = git.courses(spec, sources, courseId.courseId);
        if (jobLease.toSeconds() < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--job-lease: at least 1s");
        }
        boolean example = courses.isEmpty();
        Path examplePath = database.dataDir.resolve("example-course");
        if (example) {
            String id = courseId.courseId != null ? courseId.courseId : "example-course";
            try {
                courses = List.of(CourseSource.directory(id, examplePath));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--course-id: " + e.getMessage());
            }
        }
        Path firstDirectory = courses.stream().filter(c -> !c.isGit()).map(CourseSource::directory).findFirst()
                .orElse(database.dataDir.toAbsolutePath().resolve("git"));
        Config config = database.config(http.port, http.settings(firstDirectory.toAbsolutePath().normalize()),
                ingest.limits()).withMcp(mcp.limits()).withJobLease(jobLease);
        if (example) {
            ExampleCourse.extractTo(examplePath);
        }
        // serve prints no results, only what it is doing: all of it goes to stderr, in order.
        PrintWriter err = spec.commandLine().getErr();
        StartupStatus status = StartupStatus.onStderr(err);
        CountDownLatch stopping = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        try (Ports.Reservation port = Ports.reserve(config.port()); Kb app = Kb.open(config, status)) {
            // A course is searchable by its words as soon as they are indexed; its questions by meaning once the
            // model has embedded its passages, which at 100 000 documents takes hours.
            app.embedInBackground();
            CatalogService catalog = app.catalog(git.settings());
            List<CourseWatcher> watchers = new ArrayList<>();
            for (CourseSource course : courses) {
                if (course.isGit()) {
                    status.accept("fetching " + course.id() + " from " + GitUrls.withoutCredentials(course.url()));
                    SyncResult result = catalog.add(course);
                    if (result.report() != null) {
                        RunSummary.print(err, result.report());
                    } else if (result.outcome() == SyncResult.Outcome.UNCHANGED && result.commit() != null) {
                        status.accept(course.id() + ": commit " + result.commit().sha().substring(0, 12)
                                + " is indexed already");
                    } else if (result.error() != null) {
                        status.accept(course.id() + ": " + result.error() + " (serving its last indexed commit, "
                                + "if any)");
                    }
                } else {
                    catalog.follow(course);
                    RunSummary.print(err, app.index(course.id(), course.directory(), false,
                            status.indexing(course.id())));
                    if (watch) {
                        watchers.add(CourseWatcher.start(app, course.id(), course.directory()));
                    }
                }
                if (!links.offline) {
                    // The API answers at once; pages found by the check become searchable when it finishes.
                    app.checkLinksInBackground(course.id(), links.settings());
                }
            }
            // Courses an admin added while an earlier kb ran: they serve what they had while they are synced.
            for (Job job : app.sources().resumeAddedAtRunTime()) {
                status.accept(job.course() + ": added at run time, syncing it in the background (job " + job.id() + ")");
            }
            Javalin server = ApiServer.create(app);
            port.start(server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                watchers.forEach(CourseWatcher::close);
                server.stop();
                stopping.countDown();
                // Hold the JVM until the main thread has closed the index and the database.
                awaitQuietly(closed);
            }, "kb-shutdown"));
            String first = courses.get(0).id();
            String where = String.format("(pages: http://localhost:%d/; contract: /openapi.yaml; MCP: /mcp;%s Ctrl+C "
                    + "stops)", server.port(), watch ? " watching for changes;" : "");
            status.accept(courses.size() == 1
                    ? String.format("serving %s at http://localhost:%d/api/v1/courses/%s %s", first, server.port(),
                            first, where)
                    : String.format("serving %d courses at http://localhost:%d/api/v1/courses %s", courses.size(),
                            server.port(), where));
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

package dev.kb.testing;

import dev.kb.api.ApiServer;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.ingest.IndexRunReport;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * kb as it runs in production, for end-to-end tests: a fresh PostgreSQL database, a Lucene index in a temporary
 * directory, the course indexed, and the real HTTP server on a free port.
 */
public final class TestApp implements AutoCloseable {
    private final Path dataDir;
    private final Kb kb;
    private final IndexRunReport report;
    private final Javalin server;
    private final Config config;

    private TestApp(Path dataDir, Config config, Kb kb, IndexRunReport report, Javalin server) {
        this.dataDir = dataDir;
        this.config = config;
        this.kb = kb;
        this.report = report;
        this.server = server;
    }

    /** kb serving one of the fixture courses of {@code src/test/resources/courses}, on embedded PostgreSQL. */
    public static TestApp fixture(String name) {
        try {
            return start(Path.of(TestApp.class.getResource("/courses/" + name).toURI()), TestDatabases.Target.EMBEDDED);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static TestApp start(Path course, TestDatabases.Target target) {
        return start(course, target, Config.HttpSettings.DEFAULT);
    }

    public static TestApp start(Path course, TestDatabases.Target target, Config.HttpSettings http) {
        return start(course, target, http, Config.Limits.DEFAULT);
    }

    /** With bounds lowered (or raised) for a test of what happens past them. */
    public static TestApp start(Path course, TestDatabases.Target target, Config.HttpSettings http,
                                Config.Limits limits) {
        return start(course, target, http, limits, Config.McpLimits.DEFAULT);
    }

    /** With MCP sessions bounded for a test (fewer, shorter). */
    public static TestApp start(Path course, TestDatabases.Target target, Config.McpLimits mcp) {
        return start(course, target, Config.HttpSettings.DEFAULT, Config.Limits.DEFAULT, mcp);
    }

    private static TestApp start(Path course, TestDatabases.Target target, Config.HttpSettings http,
                                 Config.Limits limits, Config.McpLimits mcp) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("kb-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Config config = new Config(0, dataDir, TestDatabases.fresh(target), http, limits).withMcp(mcp);
        Kb kb = Kb.open(config);
        String courseId = dev.kb.ingest.CourseIds.slug(course.getFileName().toString());
        IndexRunReport report = kb.index(courseId, course);
        Javalin server = ApiServer.create(kb).start(0);
        return new TestApp(dataDir, config, kb, report, server);
    }

    public int port() {
        return server.port();
    }

    public Kb kb() {
        return kb;
    }

    public Config config() {
        return config;
    }

    public IndexRunReport report() {
        return report;
    }

    @Override
    public void close() {
        server.stop();
        kb.close();
        Courses.delete(dataDir);
    }
}

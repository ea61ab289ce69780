package dev.kb.app;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.kb.api.ApiServer;
import dev.kb.config.Config;
import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.McpClients;
import io.javalin.Javalin;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops while kb serves, then comes back on the same port and data: search, suggest and passages answer
 * from the index throughout, the routes that need the database answer 503 with Retry-After, /health says what is
 * down, and kb (pool, jobs, course watcher) recovers without a restart.
 */
class DatabaseOutageTest {
    private static final String COURSE = "fixture-course";
    private static final String TOKEN = "outage-admin-token";
    /** Written into a course file during the outage: only the watcher's retry can bring it into the index. */
    private static final String NEW_WORD = "quetzalbadger";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** How long kb's pool waits for a connection before the request fails. */
    private static final long POOL_TIMEOUT_MILLIS = 3_000;
    /** The pool's timeout plus slack for a loaded machine: a 503 comes in seconds, not after 30 s. */
    private static final long FAIL_FAST_MILLIS = POOL_TIMEOUT_MILLIS + 3_000;
    /** Health gives up on PostgreSQL after 1 s, so well before the pool would (3 s); slack for a loaded machine. */
    private static final long HEALTH_MILLIS = 2_800;

    @TempDir
    Path work;
    private EmbeddedPostgres postgres;
    private Kb kb;
    private Javalin server;
    private CourseWatcher watcher;
    private McpSyncClient mcp;

    @AfterEach
    void stop() throws IOException {
        if (mcp != null) {
            mcp.close();
        }
        if (watcher != null) {
            watcher.close();
        }
        if (server != null) {
            server.stop();
        }
        if (kb != null) {
            kb.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void search_goes_on_without_postgres_the_rest_answers_503_and_all_recovers_when_it_is_back() throws Exception {
        Path dataDir = work.resolve("postgres");
        int pgPort = freePort();
        postgres = startPostgres(dataDir, pgPort);
        Path course = Courses.fixtureCopy(work);
        kb = Kb.open(new Config(0, work.resolve("kb"), new Config.DatabaseSettings(
                postgres.getJdbcUrl("postgres", "postgres"), null, null), new Config.HttpSettings(TOKEN, List.of())));
        kb.index(COURSE, course);
        server = ApiServer.create(kb).start(0);
        watcher = CourseWatcher.start(kb, COURSE, course);
        int port = server.port();
        mcp = McpClients.connect(port);

        // Up: the database routes answer, so their 503s below are the outage's doing.
        given(port).get("/api/v1/topics?course=" + COURSE).then().statusCode(200);
        health(port).then().statusCode(200).body("status", equalTo("ok")).body("database.status", equalTo("up"));

        postgres.close();
        postgres = null;
        // A trainer edits a file while the database is away: the watcher's run fails once the pool gives up.
        Path edited = course.resolve("networking/services.md");
        Files.writeString(edited, Files.readString(edited) + "\n\nThe " + NEW_WORD + " routes traffic.\n");
        long editedAt = System.nanoTime();

        searchRoutesAnswerFromTheIndex(port);
        McpSchema.CallToolResult found = McpClients.call(mcp, "search_course", Map.of("query", "ClusterIP", "course",
                COURSE));
        assertThat(found.isError()).isFalse();
        assertThat(McpClients.text(found)).contains("networking/services.md");

        // What needs the database, all at once (each waits for the pool to give up).
        List<Runnable> checks = new ArrayList<>();
        for (String route : List.of("/api/v1/topics?course=" + COURSE, "/api/v1/courses",
                "/api/v1/courses/" + COURSE + "/graph", "/api/v1/search?q=pods&course=not-in-the-index")) {
            checks.add(() -> unavailable(route, () -> given(port).get(route), dataDir, pgPort));
        }
        checks.add(() -> unavailable("a re-index", () -> given(port).header("Authorization", "Bearer " + TOKEN)
                .post("/api/v1/courses/" + COURSE + "/reindex"), dataDir, pgPort));
        checks.add(() -> {
            McpSchema.CallToolResult topic = McpClients.call(mcp, "get_topic", Map.of("topicId",
                    TopicIds.of(COURSE, "networking/services.md")));
            assertThat(topic.isError()).isTrue();
            assertThat(McpClients.text(topic)).startsWith("the database is not answering");
        });
        ExecutorService clients = Executors.newFixedThreadPool(checks.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            checks.forEach(check -> done.add(clients.submit(check)));
            for (Future<?> check : done) {
                check.get();
            }
        } finally {
            clients.shutdownNow();
        }

        long started = System.nanoTime();
        health(port).then().statusCode(200)
                .body("status", equalTo("degraded"))
                .body("database.status", equalTo("down"))
                .body("database.detail", notNullValue())
                .body("searchIndex.status", equalTo("up"))
                .body("searchIndex.documents", greaterThan(0));
        assertThat(millisSince(started)).as("a health check waits a bounded time for PostgreSQL")
                .isLessThan(HEALTH_MILLIS);
        String health = health(port).asString();
        assertThat(health).doesNotContain(Integer.toString(pgPort)).doesNotContainIgnoringCase("127.0.0.1")
                .doesNotContainIgnoringCase("localhost");

        // The change is not in the index yet, and the watcher's first run has failed by now.
        long firstRunFailed = CourseWatcher.QUIET.toMillis() + POOL_TIMEOUT_MILLIS + 1_000;
        Thread.sleep(Math.max(0, firstRunFailed - millisSince(editedAt)));
        given(port).get("/api/v1/search?q=" + NEW_WORD + "&course=" + COURSE).then().statusCode(200)
                .body("total", equalTo(0));

        postgres = startPostgres(dataDir, pgPort);

        // Back: everything answers again, and the change is indexed as the watcher tries again. kb never restarts.
        await("the database routes to answer again",
                () -> given(port).get("/api/v1/topics?course=" + COURSE).statusCode() == 200);
        health(port).then().statusCode(200).body("status", equalTo("ok")).body("database.status", equalTo("up"))
                .body("searchIndex.status", equalTo("up"));
        await("the watcher to index the change made during the outage", () -> given(port)
                .get("/api/v1/search?q=" + NEW_WORD + "&course=" + COURSE).then().extract().path("total")
                .equals(1));
        String job = given(port).header("Authorization", "Bearer " + TOKEN)
                .post("/api/v1/courses/" + COURSE + "/reindex").then().statusCode(202).extract().path("id");
        await("a re-index job to succeed", () -> "succeeded".equals(given(port)
                .header("Authorization", "Bearer " + TOKEN).get("/api/v1/jobs/" + job).then().extract().path("state")));
        searchRoutesAnswerFromTheIndex(port);
    }

    @Test
    void an_outage_costs_one_wait_for_the_pool_not_one_per_read_or_request() throws Exception {
        Path dataDir = work.resolve("postgres");
        int pgPort = freePort();
        postgres = startPostgres(dataDir, pgPort);
        kb = Kb.open(new Config(0, work.resolve("kb"), new Config.DatabaseSettings(
                postgres.getJdbcUrl("postgres", "postgres"), null, null)));
        kb.index(COURSE, Courses.fixtureCopy(work));
        server = ApiServer.create(kb).start(0);
        int port = server.port();
        String topic = "/api/v1/topics/" + TopicIds.of(COURSE, "networking/services.md");
        given(port).get(topic).then().statusCode(200);
        double before = failedWaits(port);

        postgres.close();
        postgres = null;
        // A topic read, its section, the topic list and the read again: each needs PostgreSQL, several reads each.
        String section = topic + "/sections/service-types";
        for (String route : List.of(topic, section, "/api/v1/topics?course=" + COURSE, topic)) {
            given(port).get(route).then().statusCode(503).header("Retry-After", "5")
                    .body("type", equalTo("/problems/database-unavailable"));
        }
        assertThat(failedWaits(port) - before).as("waits for a pooled connection that came to nothing")
                .isLessThanOrEqualTo(1);

        postgres = startPostgres(dataDir, pgPort);
        await("the topic to answer again", () -> given(port).get(topic).statusCode() == 200);
    }

    /** kb's own count of requests for a connection that waited for the pool in vain, from /metrics. */
    private static double failedWaits(int port) {
        String metrics = given(port).get("/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("kb_database_connection_failed_waits_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no kb_database_connection_failed_waits_total in /metrics"));
    }

    private static void searchRoutesAnswerFromTheIndex(int port) {
        given(port).get("/api/v1/search?q=ClusterIP&course=" + COURSE).then().statusCode(200)
                .body("total", greaterThan(0)).body("hits.path", hasItem("networking/services.md"));
        given(port).get("/api/v1/search?q=gatekeepr").then().statusCode(200)
                .body("didYouMean", equalTo("gatekeeper")).body("total", greaterThan(0));
        given(port).get("/api/v1/suggest?q=capa&course=" + COURSE).then().statusCode(200)
                .body("suggestions.text", hasItem("Capabilities"));
        given(port).queryParam("q", "How do ClusterIP services work").queryParam("course", COURSE)
                .get("/api/v1/passages").then().statusCode(200)
                .body("passages.size()", greaterThan(0))
                .body("passages[0].citation.url", notNullValue());
        given(port).contentType("application/json").body("{\"q\": \"run containers as non-root\", \"course\": \""
                + COURSE + "\"}").post("/api/v1/passages").then().statusCode(200)
                .body("passages.size()", greaterThan(0));
    }

    /** A 503 problem with Retry-After, fast, that gives away nothing of the server's insides. */
    private static void unavailable(String route, Supplier<Response> call, Path dataDir, int pgPort) {
        long started = System.nanoTime();
        Response response = call.get();
        assertThat(millisSince(started)).as("%s fails fast", route).isLessThan(FAIL_FAST_MILLIS);
        response.then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503))
                .body("type", equalTo("/problems/database-unavailable"));
        String body = response.asString();
        assertThat(body).as(route).doesNotContainIgnoringCase("sql").doesNotContainIgnoringCase("select")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("jdbc")
                .doesNotContainIgnoringCase("postgresql://").doesNotContainIgnoringCase("127.0.0.1")
                .doesNotContainIgnoringCase("localhost").doesNotContain(Integer.toString(pgPort))
                .doesNotContain(dataDir.toString()).doesNotContain("\tat ").doesNotContainIgnoringCase("hikari");
    }

    private static Response health(int port) {
        return given(port).get("/health");
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", PATIENCE, what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

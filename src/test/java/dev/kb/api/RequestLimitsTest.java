package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.kb.common.Limit;
import dev.kb.config.Config;
import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The bounds on one request's cost that a deployment may change, lowered so a small generated course passes
 * them: a chain of {@value #MODULES} agenda modules of {@value #PER_MODULE} topics each, every topic building on
 * the one before. Every refusal names its limit and value; responses are checked against openapi.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsTest {
    private static final String COURSE = "chain-course";
    private static final int MODULES = 3;
    private static final int PER_MODULE = 10;
    /** Fewer than the course's topics, more than one module's. */
    private static final int MAX_TOPICS = 12;
    /** Fewer than a module's implied pairs (10 · 9 / 2 = 45), more than its direct edges. */
    private static final int MAX_EDGES = 40;
    private static final Duration IDLE = Duration.ofSeconds(1);
    /** A trickling client's pace: well within the idle timeout, so it never closes the connection on its own. */
    private static final Duration TRICKLE = Duration.ofMillis(300);
    /** No time at all: any search that collects a hit runs out of it. */
    private static final Duration NO_SEARCH_TIME = Duration.ZERO;

    private Path dir;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-limits-");
        Path course = chain(dir.resolve(COURSE));
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED, Config.HttpSettings.DEFAULT,
                new Config.Limits(IDLE, NO_SEARCH_TIME, MAX_TOPICS, MAX_EDGES));
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    /** Topics m1/t01.md … m3/t10.md, each declaring the previous one as its prerequisite, and an agenda. */
    private static Path chain(Path root) throws IOException {
        StringBuilder agenda = new StringBuilder("# Chain Course\n\n## Agenda\n\n");
        String previous = null;
        for (int m = 1; m <= MODULES; m++) {
            agenda.append("1. Module ").append(m).append('\n');
            Files.createDirectories(root.resolve("m" + m));
            for (int t = 1; t <= PER_MODULE; t++) {
                String path = String.format("m%d/t%02d.md", m, t);
                String front = previous == null ? "" : "---\nprerequisites: /" + previous + "\n---\n";
                Files.writeString(root.resolve(path), front + "# Step " + m + "." + t + "\n\nPods and services, part "
                        + m + "." + t + ".\n");
                agenda.append("   * [Step ").append(m).append('.').append(t).append("](").append(path).append(")\n");
                previous = path;
            }
        }
        Files.writeString(root.resolve("README.md"), agenda);
        return root;
    }

    private static String id(String path) {
        return TopicIds.of(COURSE, path);
    }

    private static ValidatableResponse limit(Response response, int status, Limit limit, long max) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("/problems/limit-exceeded")).body("status", equalTo(status))
                .body("limit", equalTo(limit.id())).body("max", equalTo((int) max));
    }

    @Test
    void a_course_graph_larger_than_the_limit_is_a_422_that_says_how_to_narrow_it() {
        limit(given(app.port()).get("/api/v1/courses/" + COURSE + "/graph"), 422, Limit.GRAPH_TOPICS, MAX_TOPICS)
                .body("limit", equalTo("max-graph-topics"))
                .body("detail", containsString("30 topics")).body("detail", containsString("module="));
        limit(given(app.port()).queryParam("format", "dot").get("/api/v1/courses/" + COURSE + "/graph"), 422,
                Limit.GRAPH_TOPICS, MAX_TOPICS);
    }

    @Test
    void one_module_of_it_answers() {
        given(app.port()).queryParam("module", "Module 2").get("/api/v1/courses/" + COURSE + "/graph").then()
                .statusCode(200).body("nodes", hasSize(PER_MODULE))
                .body("nodes.path", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.startsWith("m2/")))
                .body("edges", hasSize(PER_MODULE - 1));
        given(app.port()).queryParam("module", "No such module").get("/api/v1/courses/" + COURSE + "/graph").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_full_graph_with_more_implied_edges_than_the_limit_is_a_422() {
        limit(given(app.port()).queryParam("module", "Module 2").queryParam("reduced", false)
                .get("/api/v1/courses/" + COURSE + "/graph"), 422, Limit.GRAPH_EDGES, MAX_EDGES)
                .body("detail", containsString("reduced=true"));
    }

    @Test
    void prerequisites_and_learning_paths_over_the_limit_are_a_422_too() {
        String last = id(String.format("m%d/t%02d.md", MODULES, PER_MODULE));
        limit(given(app.port()).get("/api/v1/topics/" + last + "/prerequisites"), 422, Limit.GRAPH_TOPICS, MAX_TOPICS);
        limit(given(app.port()).get("/api/v1/topics/" + last + "/learning-path"), 422, Limit.GRAPH_TOPICS, MAX_TOPICS);
        limit(given(app.port()).queryParam("goals", last).get("/api/v1/courses/" + COURSE + "/learning-path"), 422,
                Limit.GRAPH_TOPICS, MAX_TOPICS);
        // Within the limit: the first module's fifth topic has four prerequisites.
        given(app.port()).get("/api/v1/topics/" + id("m1/t05.md") + "/prerequisites").then().statusCode(200)
                .body("nodes", hasSize(5));
        limit(given(app.port()).get("/api/v1/topics/" + id("m1/t01.md") + "/dependents"), 422, Limit.GRAPH_TOPICS,
                MAX_TOPICS);
    }

    @Test
    void a_search_that_runs_out_of_time_is_a_503_not_a_partial_answer() {
        for (String route : new String[] {"/api/v1/search", "/api/v1/passages"}) {
            limit(given(app.port()).queryParam("q", "pods").get(route), 503, Limit.SEARCH_TIME, 0)
                    .body("detail", containsString("longer than"));
        }
        // Asked again, it is not answered from a cache of the partial result.
        limit(given(app.port()).queryParam("q", "pods").get("/api/v1/search"), 503, Limit.SEARCH_TIME, 0);
        // A search that matches nothing has nothing to collect, so no time to run out of.
        given(app.port()).queryParam("q", "zzzqqq").get("/api/v1/search").then().statusCode(200);
    }

    @Test
    void a_client_that_stalls_in_the_middle_of_a_request_is_disconnected() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/v1/sear".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Generous: the server closes after IDLE without a byte; a read still blocked at 2·IDLE means it did not.
            socket.setSoTimeout((int) IDLE.multipliedBy(2).toMillis());
            assertThatCode(() -> readToEnd(socket.getInputStream())).as("the server closed the connection")
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void a_client_that_trickles_its_headers_a_byte_at_a_time_is_disconnected() throws IOException {
        // Each byte comes well within the idle timeout, so only a bound on the whole request can end it.
        assertThat(trickle("GET /api/v1/search?q=pods HTTP/1.1\r\nHost: localhost\r\n",
                "X-Slow: " + "a".repeat(200) + "\r\n\r\n")).as("the server closed the connection").isTrue();
    }

    @Test
    void a_client_that_trickles_its_body_a_byte_at_a_time_is_disconnected() throws IOException {
        String body = "{\"q\": \"" + "pods ".repeat(40) + "\"}";
        assertThat(trickle("POST /api/v1/passages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n", body)).as("the server closed or refused").isTrue();
    }

    /**
     * Sends {@code start}, then {@code rest} one byte every {@link #TRICKLE}, well under the idle timeout; true when
     * the server answered or closed the connection before the request was whole.
     */
    private boolean trickle(String start, String rest) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout((int) TRICKLE.toMillis());
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(start.getBytes(StandardCharsets.US_ASCII));
            for (byte b : rest.getBytes(StandardCharsets.US_ASCII)) {
                out.flush();
                try {
                    if (in.read() != Integer.MIN_VALUE) {
                        return true; // an answer (a 408) or the end of the stream
                    }
                } catch (SocketTimeoutException stillOpen) {
                    out.write(b);
                } catch (SocketException closed) {
                    return true;
                }
            }
            return false;
        } catch (SocketException closedWhileWriting) {
            return true;
        }
    }

    /** Reads until the server closes (EOF, or a reset, which is a close too); a read timeout is thrown. */
    private static void readToEnd(InputStream in) throws IOException {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) >= 0) {
                // Whatever the server says before closing (a 408, say) is not the point.
            }
        } catch (SocketTimeoutException stillOpen) {
            throw stillOpen;
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }
}

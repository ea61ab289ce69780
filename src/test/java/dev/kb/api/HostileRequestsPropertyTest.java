package dev.kb.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.kb.testing.McpClients;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated values of every kind thrown at the routes' parameters and bodies: any Unicode (NUL, surrogates,
 * right-to-left marks), huge and negative numbers, odd content types. Whatever comes in, the answer is never a
 * 5xx, and an error is always an RFC 9457 problem.
 */
class HostileRequestsPropertyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "property-test-token";
    private static Path dir;
    private static TestApp app;
    private static McpSyncClient mcp;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("kb-hostile-");
        app = TestApp.start(Courses.fixtureCopy(dir), TestDatabases.Target.EMBEDDED,
                new dev.kb.config.Config.HttpSettings(TOKEN, java.util.List.of()));
        mcp = McpClients.connect(app.port());
    }

    @AfterContainer
    static void stop() {
        mcp.close();
        app.close();
        Courses.delete(dir);
    }

    @Provide
    Arbitrary<String> anything() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(100),
                Arbitraries.strings().withChars("\u0000\uD800\uDFFF\u202E%&?#/\\.'\"<>{}[]*~-+").ofMaxLength(40),
                Arbitraries.longs().map(l -> Long.toString(l)),
                Arbitraries.of("", " ", "..", "../../etc/passwd", "%2e%2e%2f", "-", "\"", "*"));
    }

    @Example
    void what_jetty_refuses_itself_is_a_problem_too() {
        Response tooLong = given().queryParam("q", "a".repeat(9_000)).get("/api/v1/search");
        assertThat(tooLong.statusCode()).isEqualTo(414);
        assertThat(tooLong.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(tooLong.jsonPath().getInt("status")).isEqualTo(414);
        assertThat(tooLong.jsonPath().getString("limit")).isEqualTo("max-uri-bytes");
        assertThat(tooLong.jsonPath().getLong("max")).isEqualTo(8192);
        Response bigHeaders = given().header("X-Padding", "p".repeat(10_000)).get("/api/v1/courses");
        assertThat(bigHeaders.statusCode()).isEqualTo(431);
        assertThat(bigHeaders.contentType()).startsWith(Problem.CONTENT_TYPE);
        assertThat(bigHeaders.jsonPath().getString("limit")).isEqualTo("max-header-bytes");
        assertThat(bigHeaders.jsonPath().getLong("max")).isEqualTo(8192);
        Response nul = given().urlEncodingEnabled(false).get("/api/v1/search?q=a%00b");
        assertThat(nul.statusCode()).isEqualTo(400);
        assertThat(nul.jsonPath().getString("parameter")).isEqualTo("q");
    }

    @Example
    void an_oversized_body_is_refused_with_413_naming_the_limit() throws Exception {
        String body = "{\"q\":\"" + "a ".repeat(1_200_000) + "\"}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/passages"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith(Problem.CONTENT_TYPE);
        assertThat(r.body()).contains("\"limit\":\"max-body-bytes\"").contains("\"max\":1048576");
    }

    @Property(tries = 150)
    void search_suggest_and_passages_parameters(@ForAll("anything") String q, @ForAll("anything") String course,
                                                @ForAll("anything") String number, @ForAll("anything") String flag) {
        check(given().queryParam("q", q).queryParam("limit", number).queryParam("offset", number)
                .queryParam("inAgenda", flag).queryParam("language", flag).get("/api/v1/search"));
        check(given().queryParam("q", q).queryParam("course", course).get("/api/v1/search"));
        check(given().queryParam("q", q).queryParam("limit", number).get("/api/v1/suggest"));
        check(given().queryParam("q", q).queryParam("k", number).queryParam("maxChars", number)
                .get("/api/v1/passages"));
    }

    /**
     * Queries as people paste them from terminals and code: punctuation, underscores, dots, pipes, operators,
     * quotes, dashes and code tokens, alone, glued together or spaced, and tokens of hundreds of parts.
     */
    @Provide
    Arbitrary<String> codeQueries() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("_", "__", ".", "..", "|", "||", "=", "==", "-", "--", "\"", "'", "`", "*", "?", "~",
                        ":", "/", "\\", "@", "#", "$", "&&", ";", "(", ")", "[", "]", "{", "}", "<", ">", "!", "%",
                        "^", "+", ",", "a.b.c", "--set", "x=y", "-n", "kubectl", "get", "pods", "grep", "k8s",
                        "kubernets", "pod.spec.securityContext.runAsNonRoot", "cap_net_raw", "runAsNonRoot", "a.",
                        "_a", "a_", "-_", "\"a b\"", "-\"x", "1.2.3", "Übung", "$(echo", "${x}"),
                Arbitraries.strings().withChars("_.|=-\"':/@`ab1").ofMinLength(1).ofMaxLength(12),
                Arbitraries.integers().between(1, 260).map(n -> "a.".repeat(n)),
                Arbitraries.integers().between(1, 60).map(n -> "a_".repeat(n) + "b"));
        Arbitrary<String> separator = Arbitraries.of(" ", "", "  ", ".", " | ", "_");
        return Combinators.combine(token.list().ofMinSize(1).ofMaxSize(40), separator)
                .as((tokens, sep) -> String.join(sep, tokens));
    }

    @Example
    void the_reported_code_queries_answer_on_every_search_route() {
        for (String q : List.of("_", "a _ b", "x = _", "kubectl get pods | grep _", "a.".repeat(180))) {
            assertThat(given().queryParam("q", q).get("/api/v1/search").statusCode()).as(q).isEqualTo(200);
            assertThat(given().queryParam("q", q).get("/api/v1/passages").statusCode()).as(q).isEqualTo(200);
            assertThat(given().contentType("application/json").body(Map.of("q", q)).post("/api/v1/passages")
                    .statusCode()).as(q).isEqualTo(200);
            // Completions take 200 characters at most.
            assertThat(given().queryParam("q", q).get("/api/v1/suggest").statusCode()).as(q)
                    .isEqualTo(q.length() <= 200 ? 200 : 400);
            assertThat(McpClients.call(mcp, "search_course", Map.of("query", q)).isError()).as(q).isFalse();
            assertThat(McpClients.call(mcp, "find_passages", Map.of("question", q)).isError()).as(q).isFalse();
        }
    }

    @Property(tries = 150)
    void code_and_punctuation_queries(@ForAll("codeQueries") String q) throws Exception {
        check(given().queryParam("q", q).get("/api/v1/search"));
        check(given().queryParam("q", q).queryParam("course", "fixture-course").get("/api/v1/search"));
        check(given().queryParam("q", q).get("/api/v1/passages"));
        post("application/json", "{\"q\":" + quote(q) + "}");
        check(given().queryParam("q", q).get("/api/v1/suggest"));
        for (McpSchema.CallToolResult r : List.of(McpClients.call(mcp, "search_course", Map.of("query", q)),
                McpClients.call(mcp, "find_passages", Map.of("question", q)))) {
            // A refusal (over a limit) is a tool error the model can act on; a failure is not.
            assertThat(r.isError() ? McpClients.text(r) : "").as(q).doesNotContain("failed");
        }
    }

    @Property(tries = 150)
    void path_segments_and_formats(@ForAll("anything") String id, @ForAll("anything") String format) {
        String segment = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        RequestSpecification raw = given().urlEncodingEnabled(false);
        check(raw.get("/api/v1/topics/" + segment));
        check(given().urlEncodingEnabled(false).get("/api/v1/topics/" + segment + "/sections/" + segment));
        check(given().urlEncodingEnabled(false).get("/api/v1/topics/" + segment + "/prerequisites"));
        check(given().urlEncodingEnabled(false).get("/api/v1/courses/" + segment + "/graph"));
        check(given().urlEncodingEnabled(false).get("/api/v1/references/" + segment));
        check(given().urlEncodingEnabled(false).get("/api/v1/courses/fixture-course/images/" + segment + "/" + segment));
        check(given().queryParam("format", format).get("/api/v1/courses/fixture-course/graph"));
        check(given().queryParam("course", id).queryParam("path", format).get("/api/v1/topics"));
        check(given().queryParam("goals", id).queryParam("known", format)
                .get("/api/v1/courses/fixture-course/learning-path"));
    }

    @Property(tries = 100)
    void repeated_parameters_and_every_other_route(@ForAll("anything") String a, @ForAll("anything") String b) {
        String segment = URLEncoder.encode(a, StandardCharsets.UTF_8).replace("+", "%20");
        check(given().queryParam("q", a, b).queryParam("limit", b, a).queryParam("course", a, "fixture-course")
                .get("/api/v1/search"));
        check(given().queryParam("q", a, a).queryParam("course", b, b).get("/api/v1/suggest"));
        check(given().queryParam("q", b, a).queryParam("k", a, b).get("/api/v1/passages"));
        check(given().queryParam("course", "fixture-course", b).queryParam("limit", a, b).get("/api/v1/topics"));
        check(given().queryParam("limit", a).queryParam("offset", b).get("/api/v1/courses"));
        check(given().queryParam("course", a).queryParam("status", b).queryParam("limit", a).get("/api/v1/references"));
        for (String route : java.util.List.of("", "/agenda", "/coverage", "/graph/conflicts", "/learning-path")) {
            check(given().urlEncodingEnabled(false).get("/api/v1/courses/" + segment + route));
        }
        check(given().queryParam("module", a).queryParam("reduced", b).get("/api/v1/courses/fixture-course/graph"));
        check(given().queryParam("format", b).get("/api/v1/courses/fixture-course/coverage"));
        check(given().urlEncodingEnabled(false).get("/api/v1/topics/" + segment + "/dependents"));
        check(given().urlEncodingEnabled(false).get("/api/v1/topics/" + segment + "/learning-path"));
        // Admin routes, with a generated token and with the right one (header values must be printable ASCII).
        String printable = a.replaceAll("[^\\x20-\\x7e]", "");
        check(given().header("Authorization", "Bearer " + printable).post("/api/v1/courses/fixture-course/reindex"));
        check(given().auth().oauth2(TOKEN).urlEncodingEnabled(false).get("/api/v1/jobs/" + segment));
        check(given().auth().oauth2(TOKEN).urlEncodingEnabled(false).queryParam("full", segment)
                .post("/api/v1/courses/" + segment + "x/reindex"));
        // Never a real directory: registering one would index it.
        check(given().auth().oauth2(TOKEN).contentType("application/json")
                .body("{\"path\":" + quote("/nonexistent-" + a.replace(".", "")) + ",\"id\":" + quote(b) + "}")
                .post("/api/v1/courses"));
        check(given().auth().oauth2(TOKEN).contentType("application/json").body("{\"path\":" + b + "}")
                .post("/api/v1/courses"));
    }

    @Property(tries = 150)
    void passage_bodies_of_any_shape(@ForAll("anything") String body, @ForAll("contentTypes") String type)
            throws Exception {
        post(type, body);
        post("application/json", "{\"q\":" + quote(body) + ",\"k\":" + body + "}");
        post("application/json", "{\"q\":\"sidecar\",\"course\":" + quote(body) + ",\"maxChars\":" + quote(body) + "}");
    }

    /** Sent as raw bytes with the given content type (a test client would re-encode them otherwise). */
    private static void post(String type, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/v1/passages"))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("status of %s", r.body()).isLessThan(500);
        if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith(Problem.CONTENT_TYPE);
        }
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "text/plain", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/json; charset=latin1", "application/xml");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static RequestSpecification given() {
        return RestAssured.given().port(app.port()).config(RestAssured.config().encoderConfig(
                io.restassured.config.EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    private static void check(Response r) {
        int status = r.statusCode();
        assertThat(status).as("status of %s", r.asString()).isLessThan(500);
        if (status >= 400) {
            assertThat(r.contentType()).as("an error is a problem").startsWith("application/problem+json");
            assertThat(r.asString()).doesNotContain("Exception").doesNotContain("at dev.kb.");
        }
    }
}

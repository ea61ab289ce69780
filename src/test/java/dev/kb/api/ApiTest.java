package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTTP API end to end on the fixture course; every response is checked against openapi.yaml. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTest {
    private static final String COURSE = "fixture-course";
    private TestApp app;

    @BeforeAll
    void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private static String id(String path) {
        return TopicIds.of(COURSE, path);
    }

    @Test
    void GET_health_is_ok_when_database_and_index_answer() {
        given(app.port()).get("/health").then().statusCode(200)
                .body("status", equalTo("ok")).body("database.status", equalTo("up"))
                .body("database.detail", nullValue()).body("searchIndex.status", equalTo("up"))
                .body("searchIndex.documents", greaterThan(0));
    }

    @Test
    void GET_health_live_and_ready_answer_for_an_orchestrator() {
        given(app.port()).get("/health/live").then().statusCode(200).body("status", equalTo("live"));
        given(app.port()).get("/health/ready").then().statusCode(200)
                .body("status", equalTo("ready")).body("behind", empty()).body("detail", nullValue());
    }

    @Test
    void GET_openapi_yaml_serves_the_contract() {
        given(app.port()).get("/openapi.yaml").then().statusCode(200).body(startsWith("openapi: 3.0.3"));
    }

    @Test
    void GET_courses_lists_the_indexed_course() {
        given(app.port()).get("/api/v1/courses").then().statusCode(200)
                .body("items.id", contains(COURSE))
                .body("items[0].title", equalTo("Fixture Course: Cloud Native Basics"))
                .body("items[0].topics", equalTo(19))
                .body("items[0].agendaItems", equalTo(18))
                .body("total", equalTo(1));
        given(app.port()).get("/api/v1/courses/" + COURSE).then().statusCode(200).body("id", equalTo(COURSE));
    }

    @Test
    void GET_agenda_returns_sections_modules_and_items_with_status_path_url_and_topic() {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/agenda").then().statusCode(200)
                .body("course", equalTo(COURSE))
                .body("sections.title", contains("Agenda", "Backlog"))
                .body("sections[0].modules.title", contains("Einstieg", "Networking", "Security"))
                .body("sections[0].modules[0].items[0].title", equalTo("Überblick"))
                .body("sections[0].modules[0].items[0].href", equalTo("/overview.md"))
                .body("sections[0].modules[0].items[0].status", equalTo("linked"))
                .body("sections[0].modules[0].items[0].path", equalTo("overview.md"))
                .body("sections[0].modules[0].items[0].topicId", equalTo(id("overview.md")))
                .body("sections[0].modules[1].items[3].status", equalTo("missing"))
                .body("sections[0].modules[2].items[3].url", equalTo("https://kubernetes.io/docs/concepts/security/"))
                .body("sections[0].modules[2].items[5].status", equalTo("empty"));
    }

    @Test
    void GET_search_returns_hits_with_section_and_marked_snippet() {
        given(app.port()).queryParam("q", "ClusterIP").queryParam("course", COURSE).get("/api/v1/search")
                .then().statusCode(200)
                .body("query", equalTo("ClusterIP"))
                .body("total", equalTo(2))
                .body("hits[1].path", equalTo("_README.md"))
                .body("hits[1].handout", equalTo(true))
                .body("hits[0].handout", equalTo(false))
                .body("hits[0].topicId", equalTo(id("networking/services.md")))
                .body("hits[0].course", equalTo(COURSE))
                .body("hits[0].path", equalTo("networking/services.md"))
                .body("hits[0].title", equalTo("Services & DNS"))
                .body("hits[0].anchor", equalTo("service-types"))
                .body("hits[0].heading", equalTo("Service types"))
                .body("hits[0].snippet", containsString("<mark>ClusterIP</mark>"));
    }

    @Test
    void GET_search_caps_limit_and_validates_parameters() {
        given(app.port()).queryParam("q", "the").queryParam("limit", 1000).get("/api/v1/search")
                .then().statusCode(200).body("limit", equalTo(100));
        problem(given(app.port()).get("/api/v1/search"), 400, "q");
        problem(given(app.port()).queryParam("q", "x").queryParam("limit", "ten").get("/api/v1/search"), 400, "limit");
        problem(given(app.port()).queryParam("q", "x").queryParam("limit", 0).get("/api/v1/search"), 400, "limit");
        problem(given(app.port()).queryParam("q", "x").queryParam("offset", -1).get("/api/v1/search"), 400, "offset");
        limit(given(app.port()).queryParam("q", "x".repeat(600)).get("/api/v1/search"), 400, "max-query-chars", 500)
                .body("parameter", equalTo("q"));
        given(app.port()).queryParam("q", "x").queryParam("course", "nope").get("/api/v1/search")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void a_query_over_a_limit_is_refused_naming_the_limit_and_its_value() {
        limit(given(app.port()).queryParam("q", "x".repeat(501)).get("/api/v1/search"), 400, "max-query-chars", 500)
                .body("parameter", equalTo("q")).body("detail", containsString("500 characters"));
        given(app.port()).queryParam("q", "x".repeat(500)).get("/api/v1/search").then().statusCode(200);
        limit(given(app.port()).queryParam("q", "pods ".repeat(33)).get("/api/v1/search"), 400, "max-query-terms", 32)
                .body("parameter", equalTo("q")).body("detail", containsString("32 words or phrases"));
        given(app.port()).queryParam("q", "pods ".repeat(32)).get("/api/v1/search").then().statusCode(200);
        limit(given(app.port()).queryParam("q", "pods").queryParam("offset", 10_001).get("/api/v1/search"), 400,
                "max-offset", 10_000).body("parameter", equalTo("offset"));
        limit(given(app.port()).queryParam("q", "x".repeat(201)).get("/api/v1/suggest"), 400, "max-query-chars", 200);
        limit(given(app.port()).queryParam("q", "pods ".repeat(401)).get("/api/v1/passages"), 400, "max-query-terms",
                400);
        List<String> goals = java.util.stream.IntStream.range(0, 101).mapToObj(i -> String.format("%016x", i)).toList();
        limit(given(app.port()).queryParam("goals", String.join(",", goals))
                .get("/api/v1/courses/" + COURSE + "/learning-path"), 400, "max-request-topics", 100)
                .body("parameter", equalTo("goals"));
    }

    @Test
    void a_body_over_the_limit_is_a_413_naming_the_limit() {
        limit(given(app.port()).contentType("application/json").body("{\"q\":\"" + "a ".repeat(600_000) + "\"}")
                .post("/api/v1/passages"), 413, "max-body-bytes", 1_048_576)
                .body("parameter", nullValue()).body("detail", containsString("1048576 bytes"));
    }

    @Test
    void GET_search_filters_and_counts_facets() {
        given(app.port()).queryParam("q", "the").queryParam("course", COURSE).queryParam("kind", "walkthrough")
                .get("/api/v1/search").then().statusCode(200)
                .body("hits.kind", everyItem(equalTo("walkthrough")))
                .body("facets.kind.value", contains("walkthrough"))
                .body("facets.course[0].value", equalTo(COURSE));
        given(app.port()).queryParam("q", "Pods").queryParam("language", "de").queryParam("inAgenda", "true")
                .get("/api/v1/search").then().statusCode(200)
                .body("hits.language", everyItem(equalTo("de")))
                .body("hits.inAgenda", everyItem(equalTo(true)));
        problem(given(app.port()).queryParam("q", "x").queryParam("kind", "novel").get("/api/v1/search"), 400, "kind");
        problem(given(app.port()).queryParam("q", "x").queryParam("language", "fr").get("/api/v1/search"), 400,
                "language");
        problem(given(app.port()).queryParam("q", "x").queryParam("inAgenda", "maybe").get("/api/v1/search"), 400,
                "inAgenda");
    }

    @Test
    void GET_search_with_a_typo_proposes_a_correction() {
        given(app.port()).queryParam("q", "gatekeepr").queryParam("course", COURSE).get("/api/v1/search")
                .then().statusCode(200)
                .body("didYouMean", equalTo("gatekeeper"))
                .body("hits[0].path", equalTo("security/00-overview.md"));
    }

    @Test
    void GET_suggest_completes_titles_headings_and_code_terms() {
        given(app.port()).queryParam("q", "capa").queryParam("course", COURSE).get("/api/v1/suggest")
                .then().statusCode(200)
                .body("query", equalTo("capa"))
                .body("suggestions[0].text", equalTo("Capabilities"))
                .body("suggestions[0].kind", equalTo("title"))
                .body("suggestions[0].topicId", equalTo(id("security/02-capabilities.md")));
        problem(given(app.port()).get("/api/v1/suggest"), 400, "q");
        given(app.port()).queryParam("q", "x").queryParam("course", "nope").get("/api/v1/suggest")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "?", "field:", "\"", "🙂", "((", "-", "a AND (b"})
    void GET_search_with_odd_queries_answers_200(String q) {
        given(app.port()).queryParam("q", q).get("/api/v1/search").then().statusCode(200);
    }

    @Test
    void GET_topics_looks_up_by_path_and_lists_a_course() {
        given(app.port()).queryParam("course", COURSE).queryParam("path", "networking/policies exercise.md")
                .get("/api/v1/topics").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(id("networking/policies exercise.md")))
                .body("items[0].title", equalTo("Übung: Network Policies"))
                .body("items[0].kind", equalTo("exercise"))
                .body("items[0].language", equalTo("de"))
                .body("items[0].inAgenda", equalTo(true));
        given(app.port()).queryParam("course", COURSE).queryParam("path", "nope.md").get("/api/v1/topics")
                .then().statusCode(200).body("items", hasSize(0)).body("total", equalTo(0));
        given(app.port()).queryParam("course", COURSE).queryParam("limit", 5).get("/api/v1/topics")
                .then().statusCode(200).body("items", hasSize(5)).body("total", equalTo(19))
                .body("items.path", not(hasItem("README.md")));
        problem(given(app.port()).get("/api/v1/topics"), 400, "course");
    }

    @Test
    void every_response_carries_security_headers_and_html_may_not_run_scripts() {
        String topic = "/api/v1/topics/" + id("security/01-non-root.md");
        for (var response : List.of(given(app.port()).get("/api/v1/courses"),
                given(app.port()).get("/api/v1/topics/no-such-topic"),
                given(app.port()).get("/health"),
                // The MCP endpoint is the SDK's servlet, outside Javalin's handlers: a filter covers it.
                io.restassured.RestAssured.given().port(app.port()).contentType("application/json")
                        .accept("application/json, text/event-stream").body("{}").post("/mcp"),
                // Jetty's own refusals (here 414) come before any filter: its error handler sets them.
                io.restassured.RestAssured.given().port(app.port()).queryParam("q", "a".repeat(9_000))
                        .get("/api/v1/search"))) {
            response.then().header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer")
                    .header("Content-Security-Policy", SecurityHeaders.API_POLICY);
        }
        String policy = given(app.port()).queryParam("format", "html").get(topic).then().statusCode(200)
                .contentType(startsWith("text/html")).header("X-Content-Type-Options", "nosniff")
                .extract().header("Content-Security-Policy");
        assertThat(policy).startsWith("default-src 'none'").doesNotContain("script-src").doesNotContain("unsafe");
    }

    @Test
    void GET_topic_and_section_negotiate_markdown_and_html() {
        String topic = "/api/v1/topics/" + id("security/01-non-root.md");
        given(app.port()).queryParam("format", "markdown").get(topic).then().statusCode(200)
                .contentType(startsWith("text/markdown")).body(startsWith("# Run as non-root"));
        given(app.port()).header("Accept", "text/html;q=0.9, application/json;q=0.5").get(topic).then().statusCode(200)
                .contentType(startsWith("text/html")).body(containsString("<title>Run as non-root</title>"))
                .body(containsString("<h2 id=\"why-it-matters\">"));
        given(app.port()).header("Accept", "text/markdown;q=0, application/json").get(topic).then().statusCode(200)
                .contentType(startsWith("application/json"));
        given(app.port()).get(topic + "/sections/why-it-matters").then().statusCode(200)
                .body("heading", equalTo("Why it matters")).body("level", equalTo(2))
                .body("markdown", startsWith("## Why it matters")).body("markdown", not(containsString("runAsNonRoot")));
        given(app.port()).header("Accept", "text/markdown").get(topic + "/sections/why-it-matters").then()
                .statusCode(200).body(startsWith("## Why it matters"));
        given(app.port()).queryParam("format", "pdf").get(topic).then().statusCode(400);
    }

    @Test
    void GET_topic_returns_headings_links_backlinks_markdown_and_safe_html() {
        given(app.port()).get("/api/v1/topics/" + id("overview.md")).then().statusCode(200)
                .body("id", equalTo(id("overview.md")))
                .body("path", equalTo("overview.md"))
                .body("title", equalTo("Überblick über Cloud Native"))
                .body("inAgenda", equalTo(true))
                .body("headings.anchor", contains("überblick-über-cloud-native", "ziele"))
                .body("links.path", contains("setup/01-install.md", "security/00-overview.md", "networking/services.md"))
                .body("links[2].fragment", equalTo("service-types"))
                .body("links.status", everyItem(equalTo("ok")))
                .body("images.status", contains("ok", "missing"))
                .body("backlinks.path", hasItem("networking/services.md"))
                .body("backlinks.path", hasItem("guides/troubleshooting.md"))
                .body("backlinks.path", not(hasItem("README.md")))
                .body("markdown", startsWith("# Überblick"))
                .body("html", containsString("<h2 id=\"ziele\">"));
        // A link to a folder ("guides/") is a link to its README.md.
        given(app.port()).get("/api/v1/topics/" + id("guides/README.md")).then().statusCode(200)
                .body("inAgenda", equalTo(true))
                .body("backlinks.path", contains("networking/services.md"));
        given(app.port()).get("/api/v1/topics/" + id("guides/troubleshooting.md")).then().statusCode(200)
                .body("backlinks.path", contains("guides/README.md"))
                .body("headings.anchor", contains("troubleshooting", "check", "check-1"))
                .body("html", not(containsString("<script")))
                .body("html", not(containsString("javascript:")))
                .body("links.find { it.href.startsWith('javascript') }.status", equalTo("invalid"));
    }

    @Test
    void GET_unknown_topic_or_course_is_a_404_problem() {
        given(app.port()).get("/api/v1/topics/0000000000000000").then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("/problems/not-found")).body("status", equalTo(404))
                .body("title", equalTo("Not Found")).body("detail", containsString("0000000000000000"));
        given(app.port()).get("/api/v1/topics/" + id("README.md")).then().statusCode(404);
        given(app.port()).get("/api/v1/courses/nope/agenda").then().statusCode(404);
        given(app.port()).get("/api/v1/courses/nope/graph").then().statusCode(404);
        given(app.port()).get("/api/v1/courses/nope/coverage").then().statusCode(404);
        given(app.port()).get("/api/v1/topics/nope/prerequisites").then().statusCode(404);
        given(app.port()).get("/api/v1/no-such-route").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void wrong_method_is_a_405_problem() {
        given(app.port()).post("/api/v1/search").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void GET_graph_and_prerequisites_use_the_same_node_and_edge_shapes() {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/graph").then().statusCode(200)
                .body("reduced", equalTo(true))
                .body("nodes", hasSize(19))
                .body("edges.find { it.kind == 'declared' }.reasons[0].detail", containsString("as a prerequisite"))
                .body("edges.kind", not(hasItem("implied")))
                .body("dropped", hasSize(2));
        given(app.port()).queryParam("reduced", false).get("/api/v1/courses/" + COURSE + "/graph").then()
                .statusCode(200).body("reduced", equalTo(false)).body("edges.kind", hasItem("implied"));
        given(app.port()).get("/api/v1/topics/" + id("networking/services.md") + "/prerequisites")
                .then().statusCode(200)
                .body("topicId", equalTo(id("networking/services.md")))
                .body("learningPath", contains(id("networking/services.md")));
        problem(given(app.port()).queryParam("reduced", "sometimes").get("/api/v1/courses/" + COURSE + "/graph"),
                400, "reduced");
    }

    @Test
    void GET_graph_as_dot_and_mermaid_by_format_or_accept() {
        given(app.port()).queryParam("format", "dot").get("/api/v1/courses/" + COURSE + "/graph").then()
                .statusCode(200).contentType(startsWith("text/vnd.graphviz")).body(startsWith("digraph"));
        given(app.port()).header("Accept", "text/vnd.mermaid").get("/api/v1/topics/"
                + id("networking/policies exercise.md") + "/prerequisites").then()
                .statusCode(200).contentType(startsWith("text/vnd.mermaid")).body(startsWith("flowchart LR"));
        given(app.port()).header("Accept", "text/vnd.graphviz").get("/api/v1/topics/"
                + id("security/00-overview.md") + "/dependents").then()
                .statusCode(200).contentType(startsWith("text/vnd.graphviz")).body(containsString("->"));
        problem(given(app.port()).queryParam("format", "svg").get("/api/v1/courses/" + COURSE + "/graph"), 400,
                "format");
    }

    @Test
    void GET_learning_paths_dependents_and_conflicts() {
        given(app.port()).get("/api/v1/topics/" + id("networking/policies exercise.md") + "/learning-path").then()
                .statusCode(200)
                .body("steps.path", hasItem("security/00-overview.md"))
                .body("steps[-1].goal", equalTo(true))
                .body("steps.find { it.path == 'security/00-overview.md' }.because[0].kind", equalTo("declared"));
        given(app.port()).queryParam("goals", id("networking/policies exercise.md") + "," + id("security/02-capabilities.md"))
                .queryParam("known", id("setup/01-install.md"))
                .get("/api/v1/courses/" + COURSE + "/learning-path").then().statusCode(200)
                .body("goals", hasSize(2)).body("known", hasSize(1))
                .body("steps.path", not(hasItem("overview.md")))
                .body("steps.path", not(hasItem("setup/01-install.md")))
                .body("steps.findAll { it.goal }.path", contains("security/02-capabilities.md",
                        "networking/policies exercise.md"));
        given(app.port()).get("/api/v1/topics/" + id("security/00-overview.md") + "/dependents").then()
                .statusCode(200).body("learningPath[0]", equalTo(id("security/00-overview.md")))
                .body("nodes.path", hasItem("security/02-capabilities.md"));
        given(app.port()).get("/api/v1/courses/" + COURSE + "/graph/conflicts").then().statusCode(200)
                .body("course", equalTo(COURSE))
                .body("conflicts.find { it.topic.path == 'security/02-capabilities.md' }.prerequisite.path",
                        equalTo("security/01-non-root.md"));
    }

    @Test
    void GET_learning_path_with_malformed_or_unknown_goals_is_a_problem() {
        problem(given(app.port()).get("/api/v1/courses/" + COURSE + "/learning-path"), 400, "goals");
        problem(given(app.port()).queryParam("goals", " , ").get("/api/v1/courses/" + COURSE + "/learning-path"), 400,
                "goals");
        // A name is a topic id or a path in the course: one that names no topic is not found, whatever its shape.
        for (String name : List.of("not-an-id", "x'y", "0000000000000000", "README.md", "../overview.md")) {
            given(app.port()).queryParam("goals", name).get("/api/v1/courses/" + COURSE + "/learning-path")
                    .then().statusCode(404).contentType("application/problem+json");
        }
        given(app.port()).queryParam("goals", id("overview.md")).queryParam("known", "x'y")
                .get("/api/v1/courses/" + COURSE + "/learning-path").then().statusCode(404)
                .body("detail", containsString("x'y"));
        given(app.port()).get("/api/v1/topics/0000000000000000/learning-path").then().statusCode(404);
        given(app.port()).get("/api/v1/topics/0000000000000000/dependents").then().statusCode(404);
        given(app.port()).get("/api/v1/courses/nope/graph/conflicts").then().statusCode(404);
    }

    @Test
    void GET_coverage_summarises_and_details() {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200)
                .body("summary.items", equalTo(18))
                .body("summary.linked", equalTo(12))
                .body("summary.missing", equalTo(2))
                .body("summary.empty", equalTo(1))
                .body("summary.external", equalTo(1))
                .body("summary.unlinked", equalTo(2))
                .body("summary.orphanDocuments", equalTo(7))
                .body("summary.notInAgenda", equalTo(10))
                .body("brokenLinks.find { it.source == 'guides/README.md' }.closest", equalTo("setup/01-install.md"))
                .body("summary.emptyDocuments", equalTo(2))
                .body("gaps.find { it.title == 'Escaping link' }.path", nullValue())
                .body("gaps.find { it.title == 'Escaping link' }.reason", containsString("escapes"))
                .body("indexRun.issues.find { it.path == 'binary.md' }.severity", equalTo("skipped"))
                .body("indexRun.issues.find { it.path == 'latin1.md' }.reason", containsString("UTF-8"));
    }

    @Test
    void GET_coverage_as_markdown_for_an_issue() {
        given(app.port()).queryParam("format", "markdown").get("/api/v1/courses/" + COURSE + "/coverage").then()
                .statusCode(200).contentType(startsWith("text/markdown"))
                .body(startsWith("# Coverage of " + COURSE)).body(containsString("## Broken links (5)"));
        given(app.port()).header("Accept", "text/markdown").get("/api/v1/courses/" + COURSE + "/coverage").then()
                .statusCode(200).contentType(startsWith("text/markdown"));
        problem(given(app.port()).queryParam("format", "pdf").get("/api/v1/courses/" + COURSE + "/coverage"), 400,
                "format");
    }

    /** A refusal for passing a bound: its problem type, the bound's name and value. */
    private static io.restassured.response.ValidatableResponse limit(io.restassured.response.Response response,
                                                                     int status, String limit, long max) {
        return response.then().statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("/problems/limit-exceeded")).body("status", equalTo(status))
                .body("limit", equalTo(limit)).body("max", equalTo((int) max)).body("detail", notNullValue());
    }

    private static void problem(io.restassured.response.Response response, int status, String parameter) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("parameter", equalTo(parameter))
                .body("type", equalTo("/problems/invalid-parameter"));
    }
}

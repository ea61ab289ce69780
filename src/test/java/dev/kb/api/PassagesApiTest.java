package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Passages for retrieval-augmented answers, end to end over HTTP, on a course written for them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PassagesApiTest {
    private static final String COURSE = "rag-course";
    private Path dir;
    private Path course;
    private TestApp app;

    /** About {@code n} words of sentences on a subject, each naming it. */
    static String prose(String subject, int sentences) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sentences; i++) {
            s.append("The ").append(subject).append(" step ").append(i).append(" explains how traffic moves ")
                    .append("between the workloads of the cluster. ");
        }
        return s.toString().strip();
    }

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-rag-");
        course = dir.resolve(COURSE);
        Files.createDirectories(course);
        Files.writeString(course.resolve("README.md"), "# RAG course\n\n## Agenda\n\n### Mesh\n- [Guide](guide.md)\n");
        Files.writeString(course.resolve("guide.md"), "# Mesh guide\n\n" + prose("overview", 3) + "\n\n## Sidecars\n\n"
                + prose("sidecar", 14) + "\n\n" + prose("sidecar", 14) + "\n\n## Gateways\n\n" + prose("gateway", 14)
                + "\n\n```yaml\nkind: Gateway\nspec:\n  selector:\n    istio: ingressgateway\n```\n\n## Telemetry\n\n"
                + prose("telemetry", 14) + "\n");
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    private JsonPath passages(Map<String, ?> params) {
        return given(app.port()).queryParams(params).get("/api/v1/passages").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void passages_cite_their_section_with_a_url_that_opens_it() {
        JsonPath r = passages(Map.of("q", "ingressgateway selector", "course", COURSE));
        assertThat(r.getList("passages")).isNotEmpty();
        assertThat(r.getString("passages[0].text")).contains("```yaml\nkind: Gateway").contains("ingressgateway");
        assertThat(r.getString("passages[0].citation.topicId")).isEqualTo(TopicIds.of(COURSE, "guide.md"));
        assertThat(r.getString("passages[0].citation.path")).isEqualTo("guide.md");
        assertThat(r.getString("passages[0].citation.title")).isEqualTo("Mesh guide");
        assertThat(r.getString("passages[0].citation.heading")).isEqualTo("Gateways");
        assertThat(r.getString("passages[0].citation.anchor")).isEqualTo("gateways");
        String url = r.getString("passages[0].citation.url");
        assertThat(url).isEqualTo("/api/v1/topics/" + TopicIds.of(COURSE, "guide.md") + "/sections/gateways");
        given(app.port()).get(url).then().statusCode(200)
                .body("heading", equalTo("Gateways")).body("markdown", containsString("istio: ingressgateway"))
                .body("markdown", containsString("## Gateways")).body("html", containsString("<h2 id=\"gateways\">"));
    }

    @Test
    void k_and_max_chars_bound_the_answer() {
        JsonPath few = passages(Map.of("q", "traffic workloads cluster", "k", 2));
        assertThat(few.getList("passages")).hasSizeLessThanOrEqualTo(2);
        JsonPath small = passages(Map.of("q", "traffic workloads cluster", "k", 20, "maxChars", 1500));
        assertThat(small.getInt("totalChars")).isLessThanOrEqualTo(1500)
                .isEqualTo(small.getList("passages.text", String.class).stream().mapToInt(String::length).sum());
    }

    @Test
    void adjacent_passages_of_a_topic_come_as_one() {
        JsonPath r = passages(Map.of("q", "sidecar", "k", 5, "maxChars", 20000));
        List<Map<String, Object>> sidecar = r.getList("passages");
        Map<String, Object> first = sidecar.get(0);
        assertThat((List<?>) first.get("chunks")).hasSizeGreaterThan(1);
        assertThat((String) first.get("text")).contains("sidecar step 0").contains("sidecar step 13");
        assertThat(r.getList("passages.id")).doesNotHaveDuplicates();
    }

    @Test
    void a_passage_longer_than_the_budget_is_cut_and_says_so() {
        JsonPath r = passages(Map.of("q", "sidecar", "k", 1, "maxChars", 200));
        assertThat(r.getList("passages")).hasSize(1);
        assertThat(r.getBoolean("passages[0].truncated")).isTrue();
        assertThat(r.getString("passages[0].text").length()).isLessThanOrEqualTo(200);
    }

    @Test
    void post_answers_long_questions_like_get() {
        String question = "How does the telemetry step describe how traffic moves between the workloads? "
                + "I want to understand it in detail ".repeat(20);
        given(app.port()).contentType(ContentType.JSON).body(Map.of("q", question, "course", COURSE, "k", 3))
                .post("/api/v1/passages").then().statusCode(200)
                .body("passages", hasSize(lessThanOrEqualTo(3)))
                .body("passages[0].citation.heading", equalTo("Telemetry"));
    }

    @Test
    void bad_passage_requests_are_problems_naming_the_field() {
        problem(given(app.port()).get("/api/v1/passages"), "q");
        problem(given(app.port()).queryParam("q", "x").queryParam("k", 0).get("/api/v1/passages"), "k");
        problem(given(app.port()).queryParam("q", "x").queryParam("maxChars", 10).get("/api/v1/passages"), "maxChars");
        problem(given(app.port()).contentType(ContentType.JSON).body("{not json").post("/api/v1/passages"), "body");
        problem(given(app.port()).contentType(ContentType.JSON).body("[1]").post("/api/v1/passages"), "body");
        problem(given(app.port()).contentType(ContentType.JSON).body("{\"q\": 3}").post("/api/v1/passages"), "q");
        problem(given(app.port()).contentType(ContentType.JSON).body("{\"q\": \"x\", \"k\": \"many\"}")
                .post("/api/v1/passages"), "k");
        given(app.port()).queryParam("q", "x").queryParam("course", "nope").get("/api/v1/passages").then().statusCode(404);
        given(app.port()).get("/api/v1/topics/" + TopicIds.of(COURSE, "guide.md") + "/sections/nope").then()
                .statusCode(404);
    }

    @Test
    void passage_ids_survive_a_re_index_that_leaves_their_text_alone() throws IOException {
        List<String> before = passages(Map.of("q", "gateway telemetry sidecar overview", "k", 20, "maxChars", 20000))
                .getList("passages.chunks.flatten()", String.class);
        Path guide = course.resolve("guide.md");
        Files.writeString(guide, Files.readString(guide).replace("The telemetry step 3 ", "The telemetry stage 3 "));
        app.kb().index(COURSE, course);
        List<String> after = passages(Map.of("q", "gateway telemetry sidecar overview", "k", 20, "maxChars", 20000))
                .getList("passages.chunks.flatten()", String.class);
        assertThat(after).hasSameSizeAs(before);
        assertThat(after.stream().filter(before::contains)).hasSize(before.size() - 1);
    }

    private static void problem(io.restassured.response.Response response, String parameter) {
        response.then().statusCode(400).contentType("application/problem+json").body("parameter", equalTo(parameter));
    }
}

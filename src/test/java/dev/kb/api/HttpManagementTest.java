package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kb.config.Config;
import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What HTTP clients expect beyond the answers: admin routes behind a token, background jobs, ETags and caching,
 * CORS, pagination links, request ids and metrics. On a server started with an admin token and one CORS origin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpManagementTest {
    private static final String TOKEN = "test-admin-token-5f2c";
    private static final String ORIGIN = "https://trainer.example";
    private static final String COURSE = "fixture-course";
    private Path dir;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-http-");
        app = TestApp.start(Courses.fixtureCopy(dir), TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of(ORIGIN), List.of(dir)));
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    private Map<String, Object> awaitJob(String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Map<String, Object> job = given(app.port()).auth().oauth2(TOKEN).get(location).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            if (job.get("finishedAt") != null || System.nanoTime() > deadline) {
                return job;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void admin_routes_need_the_right_token() throws InterruptedException {
        String reindex = "/api/v1/courses/" + COURSE + "/reindex";
        given(app.port()).post(reindex).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
        given(app.port()).auth().oauth2("wrong-token").post(reindex).then().statusCode(403)
                .contentType("application/problem+json").body("detail", equalTo("the admin token is not right"));
        given(app.port()).header("Authorization", "Basic dXNlcjpwYXNz").post(reindex).then().statusCode(401);

        Response accepted = given(app.port()).auth().oauth2(TOKEN).queryParam("full", true).post(reindex);
        accepted.then().statusCode(202).header("Location", startsWith("/api/v1/jobs/"))
                .body("state", equalTo("queued")).body("kind", equalTo("full reindex")).body("course", equalTo(COURSE));
        String location = accepted.header("Location");
        given(app.port()).get(location).then().statusCode(401);
        Map<String, Object> job = awaitJob(location);
        assertThat(job.get("state")).isEqualTo("succeeded");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) job.get("result");
        assertThat((Integer) result.get("filesParsed")).isEqualTo((Integer) result.get("filesScanned") - 2);

        given(app.port()).auth().oauth2(TOKEN).get("/api/v1/jobs/no-such-job").then().statusCode(404);
        given(app.port()).auth().oauth2(TOKEN).post("/api/v1/courses/nope/reindex").then().statusCode(404);
    }

    @Test
    void two_reindexes_requested_at_once_run_one_after_the_other() throws InterruptedException {
        String reindex = "/api/v1/courses/" + COURSE + "/reindex";
        String first = given(app.port()).auth().oauth2(TOKEN).queryParam("full", true).post(reindex).then()
                .statusCode(202).extract().header("Location");
        // A request while an identical job still waits would get that job (see JobsTest): ask once it has started.
        while (given(app.port()).auth().oauth2(TOKEN).get(first).then().extract().path("state").equals("queued")) {
            Thread.sleep(5);
        }
        String second = given(app.port()).auth().oauth2(TOKEN).queryParam("full", true).post(reindex).then()
                .statusCode(202).extract().header("Location");
        assertThat(second).isNotEqualTo(first);
        Map<String, Object> a = awaitJob(first);
        Map<String, Object> b = awaitJob(second);
        assertThat(a.get("state")).isEqualTo("succeeded");
        assertThat(b.get("state")).isEqualTo("succeeded");
        // Queued, never both at once: the second starts only when the first has finished.
        assertThat(OffsetDateTime.parse((String) b.get("startedAt")))
                .isAfterOrEqualTo(OffsetDateTime.parse((String) a.get("finishedAt")));
    }

    @Test
    void without_a_configured_token_the_admin_routes_are_off() {
        try (TestApp plain = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED)) {
            given(plain.port()).auth().oauth2("anything").post("/api/v1/courses/" + COURSE + "/reindex").then()
                    .statusCode(403).body("detail", containsString("administration is off"));
            given(plain.port()).post("/api/v1/courses/" + COURSE + "/reindex").then().statusCode(403);
        }
    }

    @Test
    void a_course_directory_is_registered_at_runtime() throws Exception {
        Path second = dir.resolve("second-course");
        Courses.copy(Courses.fixture(), second);
        Response accepted = given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body(Map.of("path", second.toString())).post("/api/v1/courses");
        accepted.then().statusCode(202).body("course", equalTo("second-course")).body("kind", equalTo("register"));
        assertThat(awaitJob(accepted.header("Location")).get("state")).isEqualTo("succeeded");
        given(app.port()).get("/api/v1/courses/second-course").then().statusCode(200).body("topics", equalTo(19));

        given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body(Map.of("path", second.toString(), "id", COURSE)).post("/api/v1/courses").then().statusCode(409)
                .contentType("application/problem+json");
        given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body(Map.of("path", dir.resolve("missing").toString())).post("/api/v1/courses").then().statusCode(400)
                .body("parameter", equalTo("path"));
        given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON)
                .body(Map.of("path", second.toString(), "id", "Not Valid")).post("/api/v1/courses").then()
                .statusCode(400).body("parameter", equalTo("id"));
        given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON).body("{}").post("/api/v1/courses").then()
                .statusCode(400).body("parameter", equalTo("path"));
    }

    @Test
    void reads_carry_an_etag_and_answer_304_while_nothing_changed() {
        String topic = "/api/v1/topics/" + TopicIds.of(COURSE, "overview.md");
        for (String path : List.of(topic, "/api/v1/courses/" + COURSE + "/agenda", "/api/v1/courses/" + COURSE + "/graph",
                "/api/v1/courses/" + COURSE + "/coverage")) {
            Response first = given(app.port()).get(path);
            first.then().statusCode(200).header("Cache-Control", equalTo("no-cache"));
            String etag = first.header("ETag");
            assertThat(etag).as(path).matches("\"[0-9a-f]{24}\"");
            given(app.port()).get(path).then().header("ETag", equalTo(etag));
            RestAssured.given().port(app.port()).header("If-None-Match", "\"other\", " + etag).get(path).then()
                    .statusCode(304).body(equalTo(""));
            RestAssured.given().port(app.port()).header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        }
        // Another representation is another ETag.
        String json = given(app.port()).get(topic).header("ETag");
        String markdown = given(app.port()).queryParam("format", "markdown").get(topic).header("ETag");
        assertThat(markdown).isNotEqualTo(json);
        given(app.port()).get("/health").then().header("Cache-Control", equalTo("no-store"));
        given(app.port()).get("/api/v1/topics/0000000000000000").then().statusCode(404)
                .header("Cache-Control", equalTo("no-store")).header("ETag", nullValue());
    }

    @Test
    void cors_answers_the_configured_origin_only() {
        given(app.port()).header("Origin", ORIGIN).get("/api/v1/courses").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo(ORIGIN)).header("Vary", containsString("Origin"))
                .header("Access-Control-Expose-Headers", containsString("ETag"));
        RestAssured.given().port(app.port()).header("Origin", ORIGIN).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "Authorization, Content-Type")
                .options("/api/v1/passages").then().statusCode(204)
                .header("Access-Control-Allow-Methods", containsString("POST"))
                .header("Access-Control-Allow-Headers", containsString("Authorization"));
        given(app.port()).header("Origin", "https://evil.example").get("/api/v1/courses").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void every_list_links_its_next_page_until_the_last() {
        List<String> ids = new ArrayList<>();
        String next = "/api/v1/topics?course=" + COURSE + "&limit=7";
        int pages = 0;
        while (next != null) {
            Response page = given(app.port()).get(next);
            page.then().statusCode(200);
            ids.addAll(page.jsonPath().getList("items.id", String.class));
            String following = page.jsonPath().getString("next");
            if (following != null) {
                assertThat(page.header("Link")).isEqualTo("<" + following + ">; rel=\"next\"");
            }
            next = following;
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(19).doesNotHaveDuplicates();
        given(app.port()).queryParam("q", "kubernetes").queryParam("limit", 2).get("/api/v1/search").then()
                .statusCode(200).body("next", startsWith("/api/v1/search?q=kubernetes&limit=2&offset=2"));
        given(app.port()).get("/api/v1/courses").then().body("next", nullValue());
    }

    @Test
    void request_ids_are_echoed_or_made_and_metrics_count_requests_per_route() {
        given(app.port()).header("X-Request-Id", "trace-42").get("/api/v1/courses").then()
                .header("X-Request-Id", equalTo("trace-42"));
        given(app.port()).header("X-Request-Id", "bad id with spaces\u00e4").get("/api/v1/courses").then()
                .header("X-Request-Id", notNullValue()).header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{16}"));
        given(app.port()).get("/api/v1/topics/" + TopicIds.of(COURSE, "overview.md")).then().statusCode(200);
        String metrics = given(app.port()).get("/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain")).extract().asString();
        assertThat(metrics)
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/topics/{id}\",status=\"200\"}")
                .contains("kb_index_documents ")
                .contains("kb_index_run_last_finished_seconds{course=\"" + COURSE + "\"}")
                .contains("jvm_memory_used_bytes");
    }
}

package dev.kb.references;

import static dev.kb.testing.Contract.given;
import static dev.kb.testing.LocalWeb.html;
import static dev.kb.testing.LocalWeb.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import dev.kb.model.TopicIds;
import dev.kb.search.SearchHit;
import dev.kb.search.SearchResult;
import dev.kb.search.SearchService;
import dev.kb.testing.Courses;
import dev.kb.testing.LocalWeb;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * External references end to end: a course whose links point at a local web server is indexed, its links are
 * checked (and then served from the cache), the pages become searchable, and the API lists them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferencesTest {
    private static final String COURSE = "linked-course";
    private LocalWeb web;
    private Path dir;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        web = LocalWeb.start()
                .route("/article", html("Sidecars in depth", "The quokka pattern routes every request through a proxy."))
                .route("/gone", ex -> respond(ex, 404, "text/plain", "not here"))
                .route("/old", ex -> respond(ex, 301, null, null, "Location", "/new"))
                .route("/new", html("Moved article", "Wombat configuration keys explained."))
                .route("/video", ex -> respond(ex, 200, "video/mp4", null))
                .route("/flaky", ex -> respond(ex, 503, "text/plain", "maintenance"));
        dir = Files.createTempDirectory("kb-refs-");
        Path course = dir.resolve(COURSE);
        Files.createDirectories(course);
        Files.writeString(course.resolve("README.md"), """
                # Linked course

                ## Agenda

                ### Mesh
                - [Mesh basics](mesh.md)
                - [Upstream article](%s)
                - [Talk recording](%s)
                """.formatted(web.url("/article"), web.url("/video")));
        Files.writeString(course.resolve("mesh.md"), """
                # Mesh basics

                Read [the sidecar article](%s) first.

                The [old guide](%s) is gone, the [moved guide](%s) lives on.

                The [status page](%s) is down for maintenance.
                """.formatted(web.url("/article"), web.url("/gone"), web.url("/old"), web.url("/flaky")));
        // The server PostgreSQL where one is configured (CI), else the embedded one.
        List<TestDatabases.Target> targets = TestDatabases.targets();
        app = TestApp.start(course, targets.get(targets.size() - 1));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        web.close();
        Courses.delete(dir);
    }

    /** The defaults, but local addresses allowed and no pause between requests (all go to one host here). */
    private static CheckSettings settings(Duration maxAge) {
        CheckSettings d = CheckSettings.defaults();
        return new CheckSettings(d.concurrency(), d.perHost(), Duration.ZERO, d.timeout(), d.maxAttempts(),
                d.maxRetryAfter(), d.maxRedirects(), d.maxBodyBytes(), maxAge, true, d.excludedHosts());
    }

    @Test
    @Order(1)
    void before_a_check_every_reference_is_listed_as_unchecked_and_nothing_external_is_found() {
        given(app.port()).queryParam("course", COURSE).get("/api/v1/references").then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.status", everyItem(equalTo("unchecked")))
                .body("items.host", everyItem(equalTo("127.0.0.1")));
        assertThat(search("quokka").hits()).isEmpty();
    }

    @Test
    @Order(2)
    void a_check_records_every_status_and_a_second_run_uses_the_cache() {
        ReferenceChecks.Summary first = app.kb().checkLinks(COURSE, settings(Duration.ofDays(7)), LinkChecker.Progress.NONE);
        assertThat(first.references()).isEqualTo(5);
        assertThat(first.checked()).isEqualTo(5);
        assertThat(first.byStatus()).containsEntry("ok", 2).containsEntry("broken", 1).containsEntry("redirected", 1)
                .containsEntry("error", 1);
        int requests = web.requestCount();

        ReferenceChecks.Summary second = app.kb().checkLinks(COURSE, settings(Duration.ofDays(7)), LinkChecker.Progress.NONE);
        assertThat(second.checked()).isZero();
        assertThat(second.cached()).isEqualTo(5);
        assertThat(web.requestCount()).isEqualTo(requests);

        // Two hours later an error is checked again (it may have passed); the other results are still fresh.
        TestDatabases.execute(app.config().database().url(), "update url_check set checked_at = checked_at - interval '2 hours'");
        ReferenceChecks.Summary later = app.kb().checkLinks(COURSE, settings(Duration.ofDays(7)), LinkChecker.Progress.NONE);
        assertThat(later.checked()).isEqualTo(1);
        assertThat(web.requests("/flaky")).hasSize(2 * CheckSettings.defaults().maxAttempts());

        ReferenceChecks.Summary expired = app.kb().checkLinks(COURSE, settings(Duration.ZERO), LinkChecker.Progress.NONE);
        assertThat(expired.checked()).isEqualTo(5);
        assertThat(web.requestCount()).isGreaterThan(requests);
    }

    @Test
    @Order(3)
    void a_checked_page_is_found_by_what_it_says_marked_external_with_its_citing_topics() {
        SearchResult result = search("quokka proxy");
        assertThat(result.hits()).hasSize(1);
        SearchHit hit = result.hits().get(0);
        assertThat(hit.external()).isTrue();
        assertThat(hit.topicId()).isNull();
        assertThat(hit.title()).isEqualTo("Sidecars in depth");
        assertThat(hit.snippet()).contains("<mark>quokka</mark>");
        assertThat(hit.reference().url()).isEqualTo(web.url("/article"));
        assertThat(hit.reference().id()).isEqualTo(ReferenceService.id(web.url("/article")));
        assertThat(hit.reference().citedBy()).containsExactly(
                new SearchHit.Citation(TopicIds.of(COURSE, "mesh.md"), "mesh.md"));
        // The redirected page is indexed under the URL the course cites.
        assertThat(search("wombat").hits()).extracting(h -> h.reference().url()).containsExactly(web.url("/old"));
    }

    @Test
    @Order(3)
    void external_pages_rank_after_topics_and_can_be_filtered_in_or_out() {
        given(app.port()).queryParam("q", "sidecar").get("/api/v1/search").then().statusCode(200)
                .body("hits.external", contains(false, true))
                .body("hits[0].path", equalTo("mesh.md"))
                .body("hits[1].reference.url", equalTo(web.url("/article")))
                .body("facets.external.value", containsInAnyOrder("true", "false"));
        given(app.port()).queryParam("q", "sidecar").queryParam("external", true).get("/api/v1/search").then()
                .statusCode(200).body("hits.external", contains(true));
        given(app.port()).queryParam("q", "sidecar").queryParam("external", false).get("/api/v1/search").then()
                .statusCode(200).body("hits.external", contains(false));
        given(app.port()).queryParam("q", "sidecar").queryParam("kind", "overview").get("/api/v1/search").then()
                .statusCode(200).body("hits.external", everyItem(equalTo(false)));
    }

    @Test
    @Order(3)
    void the_api_lists_references_by_status_with_where_they_are_used() {
        given(app.port()).queryParam("course", COURSE).queryParam("status", "broken").get("/api/v1/references").then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].url", equalTo(web.url("/gone")))
                .body("items[0].httpStatus", equalTo(404))
                .body("items[0].usages[0].path", equalTo("mesh.md"))
                .body("items[0].usages[0].text", equalTo("old guide"))
                .body("items[0].usages[0].line", equalTo(5))
                .body("items[0].usages[0].topicId", equalTo(TopicIds.of(COURSE, "mesh.md")));
        String id = ReferenceService.id(web.url("/article"));
        given(app.port()).get("/api/v1/references/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("ok"))
                .body("title", equalTo("Sidecars in depth"))
                .body("contentType", containsString("text/html"))
                .body("usages.path", containsInAnyOrder("mesh.md", "README.md"));
        given(app.port()).get("/api/v1/references/" + ReferenceService.id(web.url("/old"))).then().statusCode(200)
                .body("status", equalTo("redirected")).body("finalUrl", equalTo(web.url("/new")));
        given(app.port()).get("/api/v1/references/" + ReferenceService.id(web.url("/video"))).then().statusCode(200)
                .body("status", equalTo("ok")).body("contentType", equalTo("video/mp4"));
    }

    @Test
    @Order(3)
    void the_coverage_report_counts_external_links_and_names_the_failing_ones() {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200)
                .body("externalLinks.byStatus.ok", equalTo(2))
                .body("externalLinks.byStatus.broken", equalTo(1))
                .body("externalLinks.byStatus.redirected", equalTo(1))
                .body("externalLinks.byStatus.error", equalTo(1))
                .body("externalLinks.failing.url", contains(web.url("/flaky"), web.url("/gone")));
        given(app.port()).queryParam("format", "markdown").get("/api/v1/courses/" + COURSE + "/coverage").then()
                .statusCode(200)
                .body(containsString("| External links | 1 broken, 1 error, 2 ok, 1 redirected |"))
                .body(containsString("## External links that fail (2)"))
                .body(containsString("`" + web.url("/gone") + "` — broken: HTTP 404; used in `mesh.md`"));
    }

    @Test
    @Order(3)
    void bad_reference_requests_are_problems() {
        given(app.port()).get("/api/v1/references/0000000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        given(app.port()).queryParam("status", "rotten").get("/api/v1/references").then().statusCode(400)
                .contentType("application/problem+json").body("parameter", equalTo("status"));
        given(app.port()).queryParam("course", "nope").get("/api/v1/references").then().statusCode(404);
    }

    @Test
    @Order(4)
    void re_indexing_the_course_keeps_the_pages_searchable() throws IOException {
        Path mesh = dir.resolve(COURSE).resolve("mesh.md");
        Files.writeString(mesh, Files.readString(mesh) + "\nMore about sidecars.\n");
        app.kb().index(COURSE, dir.resolve(COURSE));
        assertThat(search("quokka").hits()).extracting(SearchHit::external).containsExactly(true);
    }

    @Test
    @Order(5)
    void a_server_checks_in_the_background_and_searches_see_the_result() throws Exception {
        int before = web.requests("/article").size();
        app.kb().checkLinksInBackground(COURSE, settings(Duration.ZERO)).get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(web.requests("/article").size()).isGreaterThan(before);
        assertThat(search("quokka").hits()).extracting(SearchHit::external).containsExactly(true);
    }

    private SearchResult search(String q) {
        return app.kb().services().search().search(new SearchService.Request(q, COURSE, 10, 0));
    }

}

package dev.kb.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.Agenda;
import dev.kb.model.TopicIds;
import dev.kb.testing.HostileCourse;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes {@link HostileCourse} with the default limits and serves it: the run finishes, reports every file it
 * skipped, cut or repaired (in the run and in the coverage report), keeps what is ordinary about each file, and
 * no page it serves carries markup that could run script.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCourseTest {
    private static final String COURSE = "hostile";
    /** Elements that run script, load other documents or re-point the page, in any allow-list's absence. */
    private static final List<String> ACTIVE_ELEMENTS = List.of("script", "iframe", "frame", "object", "embed", "form",
            "button", "base", "link", "style", "svg", "math", "template");
    private static final Pattern SCRIPT_URL = Pattern.compile("^(javascript|vbscript|data):.*");

    private TestApp app;
    private Path course;

    @BeforeAll
    void indexHostileCourse(@TempDir Path tmp) {
        course = HostileCourse.write(tmp.resolve(COURSE));
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    @Test
    void every_skipped_cut_or_repaired_file_is_reported_with_its_reason() {
        List<String> issues = app.report().issues().stream()
                .map(i -> i.path() + " " + i.severity() + " " + i.reason()).toList();
        assertThat(issues).anyMatch(i -> i.startsWith("big.md TRUNCATED larger than 2097152 bytes"))
                .anyMatch(i -> i.startsWith("links.md TRUNCATED more than 2000 links (100000)"))
                .anyMatch(i -> i.startsWith("deep.md TRUNCATED nested deeper than 32"))
                .anyMatch(i -> i.startsWith("binary.md SKIPPED binary"))
                .anyMatch(i -> i.startsWith("broken.md WARNING not valid UTF-8"))
                .anyMatch(i -> i.startsWith("broken.md WARNING NUL characters removed"))
                .anyMatch(i -> i.startsWith("outside.md SKIPPED"))
                .anyMatch(i -> i.startsWith("loop/again SKIPPED"));

        // The coverage report a trainer reads lists the same findings.
        List<Map<String, String>> reported = given().port(app.port())
                .get("/api/v1/courses/{c}/coverage", COURSE).then().statusCode(200)
                .extract().jsonPath().getList("indexRun.issues");
        assertThat(reported).extracting(m -> m.get("path") + " " + m.get("severity").toUpperCase(Locale.ROOT) + " "
                + m.get("reason")).containsExactlyInAnyOrderElementsOf(issues);
    }

    @Test
    void a_run_with_nothing_changed_reports_the_same_findings() {
        IndexRunReport again = app.kb().index(COURSE, course);
        assertThat(again.filesParsed()).as("files parsed again").isZero();
        assertThat(again.issues()).containsExactlyInAnyOrderElementsOf(app.report().issues());
    }

    @Test
    void what_is_ordinary_about_each_hostile_file_is_kept() {
        io.restassured.path.json.JsonPath big = topic("big.md");
        assertThat(big.getString("title")).isEqualTo("Big file");
        assertThat(big.getString("html")).endsWith("the markdown has all of it.</em></p>");
        assertThat(topic("links.md").getList("links")).hasSize(2000);
        // The agenda's byte order mark and CRLF line ends do not reach its title.
        assertThat(given().port(app.port()).get("/api/v1/courses/{c}", COURSE).then().statusCode(200)
                .extract().jsonPath().getString("title")).isEqualTo("Hostile course");
        assertThat(topic("dupes.md").getList("headings.anchor")).doesNotHaveDuplicates().hasSize(4);
        assertThat(topic("broken.md").getString("markdown")).contains("Before").contains("after nulbytes")
                .doesNotContain("\0");
        for (String word : List.of("listbottom", "quotebottom", "mixedbottom", "Spacewords", "Percentwords",
                "Größen", "Bigword", "Flood")) {
            assertThat(given().port(app.port()).queryParam("q", word).queryParam("course", COURSE)
                    .get("/api/v1/search").then().statusCode(200).extract().jsonPath().getInt("total"))
                    .as("hits for %s", word).isPositive();
        }
        // Agenda links to names with spaces, umlauts and a literal %20 reach their documents.
        List<Map<String, String>> items = given().port(app.port()).get("/api/v1/courses/{c}/agenda", COURSE)
                .then().statusCode(200).extract().jsonPath().getList("sections[0].modules[0].items");
        assertThat(items).filteredOn(i -> List.of("Spaces", "Spaces angle", "Umlauts", "Percent").contains(i.get("title")))
                .extracting(i -> i.get("status") + " " + i.get("path"))
                .containsExactlyInAnyOrder("linked " + HostileCourse.SPACES, "linked " + HostileCourse.SPACES,
                        "linked " + HostileCourse.UMLAUTS, "linked " + HostileCourse.PERCENT);
    }

    @Test
    void no_served_page_carries_executable_markup() {
        List<String> ids = given().port(app.port()).queryParam("course", COURSE).queryParam("limit", 100)
                .get("/api/v1/topics").then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(ids).hasSize(9); // every markdown file but the agenda and the binary one
        List<String> pages = new ArrayList<>();
        for (String id : ids) {
            Response page = html("/api/v1/topics/" + id);
            pages.add(id);
            assertNoActiveMarkup(id, page);
            // The first 20 sections of each document: the big one has about a hundred identical "Big section"s.
            for (String anchor : given().port(app.port()).get("/api/v1/topics/{id}", id).then().statusCode(200)
                    .extract().jsonPath().<String>getList("headings.anchor").stream().limit(20).toList()) {
                assertNoActiveMarkup(id + "#" + anchor, html("/api/v1/topics/" + id + "/sections/" + anchor));
            }
        }
        assertThat(pages).contains(TopicIds.of(COURSE, "scripts.md"));
        // The scripts document still says what it says around the markup.
        assertThat(html("/api/v1/topics/" + TopicIds.of(COURSE, "scripts.md")).asString())
                .contains("Scriptwords before the markup").contains("Scriptwords after the markup");
        // Search snippets come as JSON text; they must not smuggle markup either.
        String search = given().port(app.port()).queryParam("q", "Scriptwords").get("/api/v1/search").asString();
        assertThat(search).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onerror=")
                .doesNotContainIgnoringCase("<iframe");
    }

    private io.restassured.path.json.JsonPath topic(String path) {
        return given().port(app.port()).get("/api/v1/topics/{id}", TopicIds.of(COURSE, path)).then().statusCode(200)
                .extract().jsonPath();
    }

    private Response html(String path) {
        Response r = given().port(app.port()).accept("text/html").get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.contentType()).as(path).startsWith("text/html");
        return r;
    }

    private static void assertNoActiveMarkup(String what, Response page) {
        String csp = page.header("Content-Security-Policy");
        assertThat(csp).as("CSP of %s", what).contains("default-src 'none'").doesNotContain("script-src")
                .doesNotContain("unsafe-inline");
        for (Element e : Jsoup.parse(page.asString()).getAllElements()) {
            assertThat(ACTIVE_ELEMENTS).as("element <%s> in %s", e.tagName(), what).doesNotContain(e.tagName());
            if (e.tagName().equals("meta")) {
                // The page's own <meta charset>; a refresh or any other meta could re-point the page.
                assertThat(e.attributes().asList()).as("meta in %s", what).extracting(Attribute::getKey)
                        .containsExactly("charset");
            }
            for (Attribute a : e.attributes()) {
                String name = a.getKey().toLowerCase(Locale.ROOT);
                assertThat(name).as("attribute %s in %s", name, what).doesNotStartWith("on").isNotEqualTo("style")
                        .isNotEqualTo("formaction").isNotEqualTo("srcdoc");
                // Browsers ignore whitespace and control characters inside a scheme: so must the check.
                String value = a.getValue().replaceAll("[\\s\\p{Cntrl}]", "").toLowerCase(Locale.ROOT);
                assertThat(SCRIPT_URL.matcher(value).matches()).as("%s=%s in %s", name, a.getValue(), what).isFalse();
            }
        }
    }
}

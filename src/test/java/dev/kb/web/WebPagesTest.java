package dev.kb.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pages over plain HTTP, as a browser without JavaScript (or a link checker) sees them: server-rendered search,
 * the interface language, topic links that lead to pages, the assets' caching and the pages' weight.
 */
class WebPagesTest {
    private static TestApp app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Document html(HttpResponse<String> response) {
        return Jsoup.parse(response.body(), "http://localhost:" + app.port() + "/");
    }

    @Test
    void GET_root_is_the_search_page_listing_the_courses() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").doesNotContain("unsafe");
        Document doc = html(page);
        assertThat(doc.select("form[action=/][method=get] input[type=search][name=q]")).hasSize(1);
        assertThat(doc.select("label[for=q]")).hasSize(1);
        assertThat(doc.select("a[href=/courses/fixture-course]")).isNotEmpty();
    }

    @Test
    void a_query_is_answered_on_the_server_with_hits_linking_sections_facets_and_a_correction() throws Exception {
        Document doc = html(get("/?q=capabilities"));
        List<Element> hits = doc.select("#results a.hit-link");
        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).attr("href")).matches("/topics/[0-9a-f]{16}#.+");
        assertThat(doc.select("#results .snippet mark")).isNotEmpty();
        assertThat(doc.select(".facets a")).allSatisfy(a -> assertThat(a.attr("href")).startsWith("/?q=capabilities&"));
        assertThat(doc.select("input#q").attr("value")).isEqualTo("capabilities");

        Document typo = html(get("/?q=capabilties"));
        assertThat(typo.select("a.did-you-mean").attr("href")).isEqualTo("/?q=capabilities");
    }

    @Test
    void a_facet_link_narrows_the_results_to_its_count() throws Exception {
        Document doc = html(get("/?q=capabilities"));
        Element facet = doc.select(".facets a").first();
        assertThat(facet).isNotNull();
        int count = Integer.parseInt(facet.select(".n").text());
        Document narrowed = html(get(facet.attr("href")));
        assertThat(narrowed.select("#results a.hit-link")).hasSize(count);
        assertThat(narrowed.select(".facets a.active")).isNotEmpty();
    }

    @Test
    void the_results_part_for_the_script_is_the_results_alone() throws Exception {
        HttpResponse<String> part = get("/search/results?q=capabilities");
        assertThat(part.statusCode()).isEqualTo(200);
        assertThat(part.body()).doesNotContain("<html").contains("hit-link");
    }

    @Test
    void a_query_over_the_length_limit_is_a_readable_400_page() throws Exception {
        HttpResponse<String> page = get("/?q=" + "a".repeat(600));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(html(page).select("[role=alert]").text()).contains("500");
    }

    @Test
    void the_interface_speaks_german_to_a_german_browser_and_switches_on_request() throws Exception {
        Document german = html(get("/", "Accept-Language", "de-DE,de;q=0.9,en;q=0.8"));
        assertThat(german.select("html").attr("lang")).isEqualTo("de");
        assertThat(german.select("label[for=q]").text()).isEqualTo("Im Kursmaterial suchen");
        Element toEnglish = german.select("a.lang").first();
        assertThat(toEnglish.attr("href")).isEqualTo("/?lang=en");

        HttpResponse<String> switched = get("/?lang=en", "Accept-Language", "de");
        assertThat(html(switched).select("html").attr("lang")).isEqualTo("en");
        assertThat(switched.headers().firstValue("Set-Cookie")).get().asString().startsWith("kb-lang=en");
        // The choice is remembered over the browser's preference.
        assertThat(html(get("/", "Accept-Language", "de", "Cookie", "kb-lang=en")).select("html").attr("lang"))
                .isEqualTo("en");
        assertThat(Lang.fromAcceptLanguage("fr, en;q=0.5, de;q=0.8")).isEqualTo("de");
        assertThat(Lang.fromAcceptLanguage("fr")).isEqualTo("en");
    }

    @Test
    void a_topic_page_links_topic_pages_and_shows_only_the_courses_images() throws Exception {
        List<String> topics = new ArrayList<>();
        for (Element a : html(get("/courses/fixture-course")).select(".agenda a[href^=/topics/]")) {
            topics.add(a.attr("href"));
        }
        assertThat(topics).isNotEmpty();
        int images = 0;
        for (String topic : topics) {
            HttpResponse<String> page = get(topic);
            assertThat(page.statusCode()).as(topic).isEqualTo(200);
            Element article = html(page).select("article.document").first();
            assertThat(article.select("a[href^=/api/]")).as(topic + ": links to the API").isEmpty();
            for (Element img : article.select("img")) {
                assertThat(img.attr("src")).as(topic).startsWith("/api/v1/courses/fixture-course/images/");
                assertThat(get(img.attr("src")).statusCode()).isEqualTo(200);
                images++;
            }
        }
        assertThat(images).as("images shown over the agenda's topics").isPositive();
    }

    @Test
    void an_unknown_topic_or_course_is_a_404_page_leading_back_to_the_search() throws Exception {
        HttpResponse<String> missing = get("/topics/0000000000000000", "Accept-Language", "de");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        Document doc = html(missing);
        assertThat(doc.select("h1").text()).isEqualTo("Nicht gefunden");
        assertThat(doc.select("[role=alert]").text()).contains("0000000000000000");
        assertThat(doc.select("main a[href=/]")).hasSize(1);
        assertThat(get("/courses/no-such-course").statusCode()).isEqualTo(404);
        assertThat(get("/courses/no-such-course/coverage").statusCode()).isEqualTo(404);
    }

    @Test
    void assets_are_immutable_under_their_version_and_the_page_weighs_under_150_kb() throws Exception {
        HttpResponse<String> page = get("/?q=capabilities");
        long weight = page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        Document doc = html(page);
        List<String> assets = new ArrayList<>();
        doc.select("link[rel=stylesheet]").forEach(l -> assets.add(l.attr("href")));
        doc.select("script[src]").forEach(s -> assets.add(s.attr("src")));
        assertThat(assets).hasSize(2);
        for (String asset : assets) {
            HttpResponse<String> file = get(asset);
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            weight += file.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        assertThat(weight).isLessThanOrEqualTo(150 * 1024);
        Matcher versioned = Pattern.compile("/assets/([^/]+)/app\\.css").matcher(assets.get(0));
        assertThat(versioned.matches()).isTrue();
        HttpResponse<String> stale = get("/assets/000000000000/app.css");
        assertThat(stale.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(get("/assets/" + versioned.group(1) + "/secret.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void the_course_page_shows_the_learning_path_to_a_chosen_topic_with_reasons() throws Exception {
        Document agenda = html(get("/courses/fixture-course"));
        List<String> goals = new ArrayList<>();
        agenda.select("select#goal option").forEach(o -> goals.add(o.attr("value")));
        assertThat(goals).isNotEmpty();
        boolean reasoned = false;
        for (String goal : goals) {
            Document path = html(get("/courses/fixture-course?goal=" + goal));
            List<Element> steps = path.select(".learning-path li");
            assertThat(steps).as(goal).isNotEmpty();
            // The goal is the last step; every step before it says why it is there.
            assertThat(steps.get(steps.size() - 1).select("a").attr("href")).isEqualTo("/topics/" + goal);
            assertThat(path.select("select#goal option[selected]").attr("value")).isEqualTo(goal);
            if (steps.size() > 1) {
                assertThat(steps.subList(0, steps.size() - 1)).allSatisfy(li -> assertThat(li.select(".meta").text())
                        .isNotBlank());
                reasoned = true;
            }
        }
        assertThat(reasoned).as("some agenda topic has a prerequisite").isTrue();
    }

    @Test
    void hostile_parameters_are_escaped_or_refused_never_a_500() throws Exception {
        HttpResponse<String> script = get("/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&module=%3Cb%3Ex");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).doesNotContain("<script>alert").doesNotContain("<b>x");
        for (String path : List.of("/?q=a&offset=-5", "/?q=a&offset=abc", "/?q=a&lang=xx", "/?q=a&kind=nope",
                "/?q=%22", "/?q=-", "/search/results?q=" + "x%20".repeat(200), "/courses/fixture-course?goal=nope",
                "/courses/fixture-course/graph?module=nope", "/?q=a&course=..%2F..", "/topics/..%2F..")) {
            int status = get(path).statusCode();
            assertThat(status).as(path).isIn(200, 400, 404);
        }
        assertThat(get("/?q=a%00b").statusCode()).isEqualTo(400);
    }

    @Test
    void the_graph_page_draws_each_topic_as_a_link_to_its_page() throws Exception {
        Document doc = html(get("/courses/fixture-course/graph"));
        List<Element> nodes = doc.select("svg a.node");
        assertThat(nodes).isNotEmpty();
        assertThat(nodes).allSatisfy(a -> assertThat(a.attr("href")).matches("/topics/[0-9a-f]{16}"));
        assertThat(doc.select("svg path.edge")).isNotEmpty();
    }

    @Test
    void the_graph_page_marks_every_conflict_the_api_reports() throws Exception {
        String conflicts = get("/api/v1/courses/fixture-course/graph/conflicts").body();
        int count = new com.fasterxml.jackson.databind.ObjectMapper().readTree(conflicts).path("conflicts").size();
        assertThat(count).as("the fixture's agenda teaches a topic before its prerequisite").isPositive();
        Document doc = html(get("/courses/fixture-course/graph"));
        assertThat(doc.select("#conflicts-title + ul > li")).hasSize(count);
        assertThat(doc.select("svg a.node.conflict")).hasSizeGreaterThanOrEqualTo(2);
    }
}

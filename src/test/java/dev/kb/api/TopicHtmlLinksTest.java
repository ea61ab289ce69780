package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Topic HTML read in a browser: every link to a course document leads to that topic's HTML (anchor kept), every
 * image to the course's image route, which serves course images and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopicHtmlLinksTest {
    private static final String COURSE = "linked";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\">"
            + "<script>alert(2)</script><rect width=\"4\" height=\"4\"/></svg>";
    private Path dir;
    private Path course;
    private Path secret;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-links-");
        secret = Files.writeString(dir.resolve("secret.png"), "kb-image-secret");
        course = Files.createDirectories(dir.resolve(COURSE));
        Files.createDirectories(course.resolve("docs"));
        Files.createDirectories(course.resolve("security"));
        Files.createDirectories(course.resolve("img"));
        Files.createDirectories(course.resolve("scripts"));
        Files.createDirectories(course.resolve(".hidden"));
        Files.writeString(course.resolve("README.md"), "# Linked\n## Agenda\n### Module\n- [A](docs/a.md)\n"
                + "- [X](security/x.md)\n");
        Files.writeString(course.resolve("security/x.md"), "# X\n\n## Hardening\n\nHarden it.\n");
        Files.writeString(course.resolve("docs/a.md"), """
                # A

                ## Part

                [root-relative](/security/x.md#hardening) [relative](../security/x.md) [agenda](/README.md)
                [same](#part) [missing](nope.md) [out](../../../etc/passwd) [external](https://example.org/x)
                [script](../scripts/run.sh) [picture link](../img/diagram.png)

                ![diagram](../img/diagram.png) ![vector](/img/logo.svg) ![gone](../img/gone.png)
                ![remote](https://example.org/p.png) ![spaced](<../img/my pic.png>) ![plus](../img/c++%20%C3%BCber%25.png)

                <p><a href="../security/x.md">raw</a> <img src="../img/diagram.png" alt="raw image"></p>
                """);
        Files.write(course.resolve("img/diagram.png"), PNG);
        Files.write(course.resolve("img/my pic.png"), PNG);
        Files.write(course.resolve("img/c++ über%.png"), PNG);
        Files.writeString(course.resolve("img/logo.svg"), SVG);
        Files.writeString(course.resolve("scripts/run.sh"), "#!/bin/sh\necho hi\n");
        Files.write(course.resolve(".hidden/hidden.png"), PNG);
        Files.createSymbolicLink(course.resolve("img/outside.png"), secret);
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    private static String id(String path) {
        return TopicIds.of(COURSE, path);
    }

    private Document topicHtml() {
        return Jsoup.parse(given(app.port()).queryParam("format", "html").get("/api/v1/topics/" + id("docs/a.md"))
                .then().statusCode(200).contentType(containsString("text/html")).extract().asString());
    }

    private static Element link(Document html, String text) {
        return html.select("a").stream().filter(a -> a.text().equals(text)).findFirst().orElseThrow();
    }

    private static Element image(Document html, String alt) {
        return html.selectFirst("img[alt=" + alt + "]");
    }

    @Test
    void links_to_course_documents_lead_to_their_topic_html_with_the_anchor() {
        Document html = topicHtml();
        String x = "/api/v1/topics/" + id("security/x.md") + "?format=html";
        assertThat(link(html, "root-relative").attr("href")).isEqualTo(x + "#hardening");
        assertThat(link(html, "relative").attr("href")).isEqualTo(x);
        assertThat(link(html, "raw").attr("href")).isEqualTo(x);
        assertThat(link(html, "agenda").attr("href")).isEqualTo("/api/v1/courses/" + COURSE + "/agenda");
        assertThat(link(html, "same").attr("href")).isEqualTo("#part");
        assertThat(link(html, "external").attr("href")).isEqualTo("https://example.org/x");
        assertThat(link(html, "picture link").attr("href")).isEqualTo("/api/v1/courses/" + COURSE + "/images/img/diagram.png");

        given(app.port()).get("/api/v1/topics/" + id("docs/a.md")).then().statusCode(200)
                .body("html", containsString("href=\"" + x + "#hardening\""));
        Document section = Jsoup.parse(given(app.port()).queryParam("format", "html")
                .get("/api/v1/topics/" + id("docs/a.md") + "/sections/part").then().statusCode(200).extract().asString());
        assertThat(link(section, "same").attr("href"))
                .isEqualTo("/api/v1/topics/" + id("docs/a.md") + "?format=html#part");
        assertThat(link(section, "relative").attr("href")).isEqualTo(x);
    }

    @Test
    void local_links_kb_cannot_follow_keep_their_target_and_are_marked() {
        Document html = topicHtml();
        assertThat(link(html, "missing").attr("href")).isEqualTo("nope.md");
        assertThat(link(html, "missing").hasClass("kb-broken")).isTrue();
        assertThat(link(html, "missing").attr("title")).isEqualTo("no such file in the course");
        assertThat(link(html, "out").hasClass("kb-broken")).isTrue();
        assertThat(link(html, "out").attr("title")).isEqualTo("link target escapes the course root");
        assertThat(link(html, "script").attr("href")).isEqualTo("../scripts/run.sh");
        assertThat(link(html, "script").hasClass("kb-unserved")).isTrue();
        assertThat(image(html, "gone").attr("src")).isEqualTo("../img/gone.png");
        assertThat(image(html, "gone").hasClass("kb-broken")).isTrue();
        assertThat(image(html, "remote").attr("src")).isEqualTo("https://example.org/p.png");
    }

    @Test
    void every_rewritten_address_answers_and_images_are_served_as_they_are_in_the_course() throws IOException {
        Document html = topicHtml();
        String images = "/api/v1/courses/" + COURSE + "/images/";
        assertThat(image(html, "diagram").attr("src")).isEqualTo(images + "img/diagram.png");
        assertThat(image(html, "raw image").attr("src")).isEqualTo(images + "img/diagram.png");
        assertThat(image(html, "vector").attr("src")).isEqualTo(images + "img/logo.svg");
        assertThat(image(html, "spaced").attr("src")).isEqualTo(images + "img/my%20pic.png");
        assertThat(image(html, "plus").attr("src")).isEqualTo(images + "img/c%2B%2B%20%C3%BCber%25.png");
        for (Element e : html.select("a[href^=/], img[src^=/]")) {
            String address = e.hasAttr("href") ? e.attr("href") : e.attr("src");
            given(app.port()).urlEncodingEnabled(false).get(address.replaceFirst("#.*", "")).then()
                    .statusCode(200);
        }

        Response png = given(app.port()).urlEncodingEnabled(false).get(images + "img/my%20pic.png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(png.asByteArray()).isEqualTo(PNG);
        Response svg = given(app.port()).get(images + "img/logo.svg");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.contentType()).isEqualTo("image/svg+xml");
        assertThat(svg.asString()).isEqualTo(SVG);
        assertThat(svg.header("Content-Security-Policy")).contains("default-src 'none'").contains("sandbox")
                .doesNotContain("script-src");
        assertThat(svg.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/a.md", "scripts/run.sh", ".hidden/hidden.png", "img/outside.png", "img/none.png",
            "README.md", "img"})
    void the_image_route_serves_course_images_only(String path) {
        given(app.port()).get("/api/v1/courses/" + COURSE + "/images/" + path).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"img/%2e%2e/%2e%2e/%2e%2e/secret.png", "..%2f..%2fsecret.png", "%2e%2e/secret.png",
            "img/..%2F..%2F..%2Fsecret.png", "%2Fetc%2Fpasswd"})
    void traversal_through_the_image_route_is_a_problem_and_reads_nothing(String path) {
        Response r = given(app.port()).urlEncodingEnabled(false).get("/api/v1/courses/" + COURSE + "/images/" + path);
        assertThat(r.statusCode()).as(path).isIn(400, 404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.asString()).doesNotContain("kb-image-secret");
        given(app.port()).get("/api/v1/courses/nope/images/img/diagram.png").then().statusCode(404)
                .body("detail", containsString("course"));
    }

    @Test
    void an_image_swapped_for_a_link_after_indexing_is_not_served() throws IOException {
        Path image = course.resolve("img/swapped.png");
        Files.write(image, PNG);
        app.kb().index(COURSE, course);
        given(app.port()).get("/api/v1/courses/" + COURSE + "/images/img/swapped.png").then().statusCode(200);

        Path link = course.resolve(".swap");
        Files.createSymbolicLink(link, secret);
        Files.move(link, image, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        Response r = given(app.port()).get("/api/v1/courses/" + COURSE + "/images/img/swapped.png");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.asString()).doesNotContain("kb-image-secret");
        assertThat(new String(Files.readAllBytes(image), StandardCharsets.UTF_8)).isEqualTo("kb-image-secret");
    }
}

package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Course paths as callers and authors write them: normalised where they are looked up, refused when they climb out. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoursePathsApiTest {
    private static final String COURSE = "paths";
    private Path dir;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-paths-");
        Path course = Files.createDirectories(dir.resolve(COURSE));
        Files.createDirectories(course.resolve("docs/deep"));
        Files.writeString(course.resolve("README.md"), "# Paths\n## Agenda\n### Module\n- [A](docs/deep/a.md)\n"
                + "- [Out](../../outside.md)\n");
        Files.writeString(course.resolve("docs/deep/a.md"), "# A\n\nSee [outside](../../../../outside.md) and "
                + "![outside picture](../../../picture.png) and [nothing](missing.md).\n");
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"docs/deep/a.md", "./docs/deep/a.md", "/docs/deep/a.md", "docs//deep/a.md",
            "docs/./deep/a.md", "docs/deep/../deep/a.md", " docs/deep/a.md ", "./docs/../docs/deep//./a.md"})
    void a_path_written_any_way_a_shell_would_accept_finds_the_topic(String path) {
        given(app.port()).queryParam("course", COURSE).queryParam("path", path).get("/api/v1/topics")
                .then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(TopicIds.of(COURSE, "docs/deep/a.md")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../docs/deep/a.md", "docs/../../x.md", "/../x.md", "./.."})
    void a_path_climbing_out_of_the_root_is_a_400_naming_the_parameter(String path) {
        given(app.port()).queryParam("course", COURSE).queryParam("path", path).get("/api/v1/topics")
                .then().statusCode(400).contentType("application/problem+json")
                .body("parameter", equalTo("path")).body("detail", containsString("climbs out of the course root"));
    }

    @Test
    void links_and_images_climbing_out_of_the_root_say_why_they_lead_nowhere() {
        String id = TopicIds.of(COURSE, "docs/deep/a.md");
        given(app.port()).get("/api/v1/topics/" + id).then().statusCode(200)
                .body("links.find { it.text == 'outside' }.status", equalTo("invalid"))
                .body("links.find { it.text == 'outside' }.reason", equalTo("link target escapes the course root"))
                .body("links.find { it.text == 'nothing' }.status", equalTo("missing"))
                .body("links.find { it.text == 'nothing' }.reason", equalTo("no such file in the course"))
                .body("images[0].status", equalTo("invalid"))
                .body("images[0].reason", equalTo("link target escapes the course root"));
        given(app.port()).get("/api/v1/courses/" + COURSE + "/agenda").then().statusCode(200)
                .body("sections[0].modules[0].items[0].reason", nullValue())
                .body("sections[0].modules[0].items[1].status", equalTo("missing"))
                .body("sections[0].modules[0].items[1].reason", equalTo("link target escapes the course root"));
        given(app.port()).get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200)
                .body("brokenLinks.findAll { it.target == null }.reason",
                        org.hamcrest.Matchers.everyItem(equalTo("link target escapes the course root")));
    }
}

package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.vladsch.flexmark.ast.Code;
import com.vladsch.flexmark.util.ast.Node;
import dev.kb.ingest.Markdown;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A course whose file names and headings are markup: the markdown coverage report (also what MCP get_coverage and
 * {@code kb coverage} print) shows them as written and carries no HTML, image or link of theirs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MarkupInjectionTest {
    static final String TICK = "tick`<img src=x onerror=alert(40)>`.md";
    private Path dir;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-markup-");
        Path course = Files.createDirectories(dir.resolve("markup-course"));
        // Escaped in the course's markdown, so that the titles kb reads are markup themselves.
        Files.writeString(course.resolve("README.md"), "# Markup course\n\n## Agenda\n\n- \\<b\\>Mod\\</b\\> | one\n"
                + "  - [A](a.md)\n  - [Gone](`gone`<img src=x onerror=alert(42)>.md)\n");
        Files.writeString(course.resolve("a.md"), "# A\n\nSome text.\n");
        Files.writeString(course.resolve(TICK), "# \\<img src=x onerror=alert(41)\\> \\[x\\](javascript:y) \\*b\\*\n\n"
                + "text\n");
        app = TestApp.start(course, TestDatabases.Target.EMBEDDED);
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    @Test
    void a_file_name_with_backticks_and_html_stays_a_code_span_in_the_markdown_report() {
        String md = given(app.port()).queryParam("format", "markdown").get("/api/v1/courses/markup-course/coverage")
                .then().statusCode(200).extract().asString();
        Node doc = Markdown.parse(md);
        List<String> markup = new ArrayList<>();
        List<String> code = new ArrayList<>();
        doc.getDescendants().forEach(n -> {
            String type = n.getClass().getSimpleName();
            if (type.startsWith("Html") || type.startsWith("Image") || type.equals("Link") || type.startsWith("Emphasis")) {
                markup.add(type + ": " + n.getChars());
            }
            if (n instanceof Code c) {
                code.add(c.getText().toString());
            }
        });
        assertThat(markup).as(md).isEmpty();
        assertThat(code).as(md).contains(TICK, "[Gone](`gone`<img src=x onerror=alert(42)>.md)");
        assertThat(md).contains("| Agenda | \\<b\\>Mod\\</b\\> \\| one | 2 |")
                .contains("— \\<img src=x onerror=alert(41)\\> \\[x\\](javascript:y) \\*b\\*");
    }
}

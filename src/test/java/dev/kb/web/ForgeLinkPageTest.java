package dev.kb.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.model.TopicIds;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** A topic of a course that comes from GitHub links its file there, at the indexed commit, and its editor. */
class ForgeLinkPageTest {

    @Test
    void a_topic_page_links_the_file_on_the_forge_when_the_course_has_one() throws Exception {
        try (TestApp app = TestApp.start(Courses.fixture(), TestDatabases.Target.EMBEDDED)) {
            String topic = TopicIds.of("fixture-course", "security/01-non-root.md");
            Document before = page(app, topic);
            assertThat(before.select("a[href^=https://github.com]")).as("a directory course has no forge").isEmpty();

            // The course's source as a catalog sync records it: a GitHub repository, a commit from branch main.
            TestDatabases.execute(app.config().database().url(), "insert into course_source (course_id, kind, url, ref, "
                    + "commit_sha, commit_ref) values ('fixture-course', 'git', 'https://github.com/acme/course.git', "
                    + "'main', 'abc123', 'refs/heads/main')");

            Document after = page(app, topic);
            assertThat(after.select("a[href=https://github.com/acme/course/blob/abc123/security/01-non-root.md]"))
                    .hasSize(1);
            assertThat(after.select("a[href=https://github.com/acme/course/edit/main/security/01-non-root.md]"))
                    .hasSize(1);
        }
    }

    private static Document page(TestApp app, String topic) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + app.port() + "/topics/" + topic)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.body());
    }
}

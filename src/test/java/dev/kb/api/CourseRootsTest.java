package dev.kb.api;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;

import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Registering a course over the API reads only below the course roots the server was given: not {@code /etc},
 * {@code /proc/self} or {@code /}, and not through a link that leads out of a root.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CourseRootsTest {
    private static final String TOKEN = "roots-admin-token-81d3";
    private Path dir;
    private Path roots;
    private Path outside;
    private TestApp app;

    @BeforeAll
    void start() throws IOException {
        dir = Files.createTempDirectory("kb-roots-");
        roots = Files.createDirectories(dir.resolve("roots"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Path served = course(roots.resolve("served"), "Served");
        app = TestApp.start(served, TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of(), List.of(roots)));
    }

    @AfterAll
    void stop() {
        app.close();
        Courses.delete(dir);
    }

    @Test
    void system_directories_are_refused_with_403_whether_or_not_they_exist() {
        for (String path : List.of("/etc", "/", "/proc/self", "/proc/self/root/etc", "/no/such/dir",
                roots + "/../outside", roots + "/../../../etc")) {
            register(Map.of("path", path)).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo("/problems/forbidden")).body("parameter", equalTo("path"))
                    .body("detail", containsString("outside the course directories this server allows"))
                    .body("detail", not(containsString(path)));
        }
        given(app.port()).get("/api/v1/courses").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void a_link_inside_a_root_that_leads_out_of_it_is_refused() throws IOException {
        course(outside.resolve("secret"), "Secret");
        Path link = Files.createSymbolicLink(roots.resolve("innocent"), outside.resolve("secret"));
        Path linkToEtc = Files.createSymbolicLink(roots.resolve("etc-link"), Path.of("/etc"));
        for (Path path : List.of(link, linkToEtc, link.resolve("missing"))) {
            register(Map.of("path", path.toString(), "id", "innocent")).then().statusCode(403)
                    .body("type", equalTo("/problems/forbidden"));
        }
        given(app.port()).get("/api/v1/courses/innocent").then().statusCode(404);
    }

    @Test
    void a_directory_below_a_root_is_registered_and_a_missing_one_is_a_400() throws Exception {
        Path course = course(roots.resolve("term-2/networking"), "Networking");
        Response accepted = register(Map.of("path", course.toString()));
        accepted.then().statusCode(202).body("course", equalTo("networking"));
        assertThat(awaitJob(accepted.header("Location"))).isEqualTo("succeeded");
        given(app.port()).get("/api/v1/courses/networking").then().statusCode(200).body("title", equalTo("Networking"));

        // A link that stays inside the roots is fine; the course is read from where it leads.
        Path alias = Files.createSymbolicLink(roots.resolve("net-alias"), course);
        Response viaLink = register(Map.of("path", alias.toString(), "id", "networking"));
        viaLink.then().statusCode(202);
        assertThat(awaitJob(viaLink.header("Location"))).isEqualTo("succeeded");

        register(Map.of("path", roots.resolve("term-2/missing").toString())).then().statusCode(400)
                .body("parameter", equalTo("path"));
        Files.writeString(roots.resolve("file.md"), "# Not a directory\n");
        register(Map.of("path", roots.resolve("file.md").toString())).then().statusCode(400);
    }

    private Response register(Map<String, String> body) {
        return given(app.port()).auth().oauth2(TOKEN).contentType(ContentType.JSON).body(body).post("/api/v1/courses");
    }

    private String awaitJob(String location) throws InterruptedException {
        return awaitJob(app, TOKEN, location);
    }

    /** The state a job ends in. */
    static String awaitJob(TestApp app, String token, String location) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String state = given(app.port()).auth().oauth2(token).get(location).then().statusCode(200).extract()
                    .path("state");
            if (state.equals("succeeded") || state.equals("failed") || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(20);
        }
    }

    static Path course(Path dir, String title) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("README.md"), "# " + title + "\n\n## Agenda\n\n### One\n- [Topic](topic.md)\n");
            Files.writeString(dir.resolve("topic.md"), "# Topic of " + title + "\n\nSome text.\n");
            return dir;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

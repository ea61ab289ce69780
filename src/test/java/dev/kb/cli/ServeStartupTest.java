package dev.kb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb serve} as a person starts it, in a process of its own: what it says while it starts, on stderr. */
class ServeStartupTest {
    private static final String TOKEN = "startup-admin-token-4e1a";
    private static final Pattern SERVING = Pattern.compile("kb: serving fixture-course at (http://localhost:\\d+)/api/v1/courses/fixture-course .*");

    @Test
    void serve_says_each_step_of_its_start_on_stderr_then_serves_with_its_course_as_the_only_course_root(@TempDir Path dir)
            throws Exception {
        Path course = Courses.fixtureCopy(dir);
        String database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        ProcessBuilder command = new ProcessBuilder(javaCommand(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "dev.kb.Main", "serve", course.toString(), "--port", "0",
                "--offline", "--data-dir", dir.resolve("data").toString(), "--database-url", database)
                .redirectOutput(dir.resolve("serve.out").toFile());
        command.environment().put("KB_ADMIN_TOKEN", TOKEN);
        command.environment().remove("KB_COURSE_ROOTS");
        Process serve = command.start();
        try {
            // Reads stderr until the serving line (or the end, should kb stop): the test's bound is the surefire timeout.
            CompletableFuture<List<String>> startup = CompletableFuture.supplyAsync(() -> linesUntilServing(serve));
            List<String> lines = startup.get(120, TimeUnit.SECONDS);
            String all = String.join("\n", lines);
            assertThat(lines).as(all).last().asString().matches(SERVING);
            assertThat(lines).as(all).containsSubsequence(
                    "kb: connecting to PostgreSQL at " + database,
                    "kb: migrating the database schema",
                    "kb: opening the search index",
                    "kb: indexing fixture-course: reading its files",
                    "kb: parsing 20 new or changed files",
                    "kb: storing the run in PostgreSQL",
                    "kb: updating the search index");
            assertThat(all).contains("Indexed fixture-course (\"Fixture Course: Cloud Native Basics\")");
            // Not a terminal: no progress bar redrawn in place.
            assertThat(all).doesNotContain("\r", "[#");

            Matcher serving = SERVING.matcher(lines.get(lines.size() - 1));
            assertThat(serving.matches()).isTrue();
            HttpResponse<String> courses = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(serving.group(1) + "/api/v1/courses/fixture-course")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(courses.statusCode()).isEqualTo(200);

            // Without --course-roots, the served course is the only root: a folder of it may be registered, nothing
            // beside or above it.
            Courses.copy(course, dir.resolve("beside"));
            assertThat(register(serving.group(1), course.resolve("security"))).isEqualTo(202);
            assertThat(register(serving.group(1), dir.resolve("beside"))).isEqualTo(403);
            assertThat(register(serving.group(1), Path.of("/etc"))).isEqualTo(403);
            assertThat(java.nio.file.Files.readString(dir.resolve("serve.out"))).as("stdout stays free").isEmpty();
        } finally {
            serve.destroy();
            if (!serve.waitFor(60, TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    private static int register(String server, Path course) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server + "/api/v1/courses"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"path\": \"" + course + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<String> linesUntilServing(Process serve) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
                if (line.startsWith("kb: serving ")) {
                    break;
                }
            }
        } catch (IOException e) {
            lines.add("(reading stderr failed: " + e + ")");
        }
        return lines;
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}

package dev.kb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.Main;
import dev.kb.testing.BareRepo;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import io.restassured.path.json.JsonPath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb serve --catalog} and {@code kb serve URL}: courses from git repositories, as a person starts kb. */
class CatalogServeTest {
    private static final Pattern SERVING = Pattern.compile("kb: serving 3 courses at (http://localhost:\\d+)/api/v1/courses .*");
    private static final String AGENDA = "# Catalog Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    @Test
    void a_catalog_with_an_error_is_refused_at_start_in_one_line_naming_the_entry(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("courses.yaml");
        Files.writeString(file, "courses:\n  - id: istio\n    git: file:///srv/istio.git\n"
                + "  - id: mysql\n    git: file:///srv/mysql.git\n    subdir: ../outside\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exit = Main.run(new String[] {"serve", "--catalog", file.toString(), "--port", "0", "--offline",
                "--data-dir", dir.resolve("data").toString(), "--database-url", "jdbc:postgresql://127.0.0.1:1/x"},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("entry 2 (mysql)")
                .contains("subdir '../outside' climbs out of the repository");
        assertThat(dir.resolve("data")).as("refused before PostgreSQL starts").doesNotExist();
    }

    @Test
    void serve_follows_a_catalog_and_a_git_url_and_polls_for_new_commits(@TempDir Path dir) throws Exception {
        BareRepo polled = pushed(dir, "polled", Map.of("course/README.md", AGENDA, "course/intro.md",
                "# Intro\n\nFirst words.\n"));
        BareRepo plain = BareRepo.create(dir, "plain-course");
        String plainSha = plain.commit("only commit", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nHi.\n"));
        plain.push("refs/heads/main");
        Path local = Courses.fixtureCopy(dir);
        Path catalog = dir.resolve("courses.yaml");
        Files.writeString(catalog, "courses:\n"
                + "  - id: polled\n    git: " + polled.url() + "\n    ref: main\n    subdir: course\n    poll: 1s\n"
                + "  - id: local\n    path: " + local + "\n");
        String database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        ProcessBuilder command = new ProcessBuilder(javaCommand(), "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), "dev.kb.Main", "serve", "--catalog", catalog.toString(),
                plain.url(), "--port", "0", "--offline", "--data-dir", dir.resolve("data").toString(),
                "--database-url", database).redirectOutput(dir.resolve("serve.out").toFile());
        command.environment().remove("KB_CATALOG");
        Process serve = command.start();
        try {
            List<String> lines = CompletableFuture.supplyAsync(() -> linesUntilServing(serve)).get(180, TimeUnit.SECONDS);
            String all = String.join("\n", lines);
            Matcher serving = SERVING.matcher(lines.get(lines.size() - 1));
            assertThat(serving.matches()).as(all).isTrue();
            assertThat(all).contains("kb: fetching polled from " + polled.url());
            String base = serving.group(1);

            JsonPath courses = get(base + "/api/v1/courses");
            assertThat(courses.getList("items.id")).containsExactly("local", "plain-course", "polled");
            assertThat(courses.getString("items.find { it.id == 'local' }.source.kind")).isEqualTo("directory");
            assertThat(courses.getString("items.find { it.id == 'plain-course' }.source.commit.sha")).isEqualTo(plainSha);
            assertThat(courses.getString("items.find { it.id == 'polled' }.source.subdir")).isEqualTo("course");

            String second = polled.commit("second", Map.of("course/more.md", "# More\n\nSecond words.\n"));
            polled.push("refs/heads/main");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            JsonPath course = get(base + "/api/v1/courses/polled");
            while (!second.equals(course.getString("source.commit.sha")) && System.nanoTime() < deadline) {
                Thread.sleep(250);
                course = get(base + "/api/v1/courses/polled");
            }
            assertThat(course.getString("source.commit.sha")).as("the poll found and indexed the push").isEqualTo(second);
            assertThat(course.getInt("topics")).isEqualTo(2);
        } finally {
            stop(serve);
        }
    }

    @Test
    void a_course_added_over_the_api_is_followed_again_by_the_next_serve(@TempDir Path dir) throws Exception {
        BareRepo started = pushed(dir, "started", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nStarted.\n"));
        BareRepo added = pushed(dir, "added", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nAdded.\n"));
        String database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED).url();
        List<String> serveCommand = List.of(javaCommand(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.kb.Main", "serve", started.url(), "--port", "0", "--offline", "--poll", "0",
                "--data-dir", dir.resolve("data").toString(), "--database-url", database,
                "--admin-token", ADMIN, "--course-roots", dir.toString());

        Process first = start(serveCommand, dir.resolve("first.out"));
        try {
            String base = servingAt(first, "kb: serving started at (http://localhost:\\d+)/.*");
            HttpResponse<String> post = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/courses")).header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"git\": \"" + added.url() + "\", \"ref\": \"main\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as(post.body()).isEqualTo(202);
            assertThat(awaitCommit(base, "added", null)).isNotNull();
        } finally {
            stop(first);
        }
        String pushed = added.commit("second", Map.of("more.md", "# More\n\nWhile kb was down.\n"));
        added.push("refs/heads/main");

        Process second = start(serveCommand, dir.resolve("second.out"));
        try {
            List<String> lines = new ArrayList<>();
            String base = servingAt(second, "kb: serving started at (http://localhost:\\d+)/.*", lines);
            assertThat(String.join("\n", lines)).contains("kb: added: added at run time, syncing it in the background");
            assertThat(awaitCommit(base, "added", pushed)).as("the resumed course fetched its new commit")
                    .isEqualTo(pushed);
        } finally {
            stop(second);
        }
    }

    private static final String ADMIN = "serve-admin-token-5c2e";

    /** A bare repository with one commit of these files on main. */
    private static BareRepo pushed(Path dir, String name, Map<String, String> files) {
        BareRepo repo = BareRepo.create(dir, name);
        repo.commit("first", files);
        repo.push("refs/heads/main");
        return repo;
    }

    private static Process start(List<String> command, Path out) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
        builder.environment().remove("KB_CATALOG");
        return builder.start();
    }

    private static String servingAt(Process serve, String pattern) throws Exception {
        return servingAt(serve, pattern, new ArrayList<>());
    }

    private static String servingAt(Process serve, String pattern, List<String> lines) throws Exception {
        lines.addAll(CompletableFuture.supplyAsync(() -> linesUntilServing(serve)).get(180, TimeUnit.SECONDS));
        Matcher serving = Pattern.compile(pattern).matcher(lines.get(lines.size() - 1));
        assertThat(serving.matches()).as(String.join("\n", lines)).isTrue();
        return serving.group(1);
    }

    /** The course's indexed commit once it is {@code expected} (any, when null), or as it is after a minute. */
    private static String awaitCommit(String base, String course, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/v1/courses/" + course)).build(), HttpResponse.BodyHandlers.ofString());
            String sha = r.statusCode() == 200 ? new JsonPath(r.body()).getString("source.commit.sha") : null;
            if (sha != null && (expected == null || expected.equals(sha)) || System.nanoTime() > deadline) {
                return sha;
            }
            Thread.sleep(250);
        }
    }

    private static void stop(Process serve) throws InterruptedException {
        serve.destroy();
        if (!serve.waitFor(60, TimeUnit.SECONDS)) {
            serve.destroyForcibly();
        }
    }

    private static JsonPath get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonPath(r.body());
    }

    private static List<String> linesUntilServing(Process serve) {
        List<String> lines = new ArrayList<>();
        // Not closed here: after the serving line a thread goes on reading it.
        BufferedReader err = new BufferedReader(new InputStreamReader(serve.getErrorStream(), StandardCharsets.UTF_8));
        try {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
                if (line.startsWith("kb: serving ")) {
                    // Keep draining stderr, so kb never blocks on a full pipe while the test goes on.
                    Thread drain = new Thread(() -> {
                        try {
                            while (err.readLine() != null) {
                                // discarded
                            }
                        } catch (IOException ignored) {
                            // the process ended
                        }
                    });
                    drain.setDaemon(true);
                    drain.start();
                    return lines;
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

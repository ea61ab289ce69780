package dev.kb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.api.ApiServer;
import dev.kb.config.Config;
import dev.kb.store.JobStore;
import dev.kb.testing.Courses;
import dev.kb.testing.Replicas;
import dev.kb.testing.TestDatabases;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replicas as they run in a deployment: separate JVMs ({@code kb serve}), each with its own data directory, on one
 * PostgreSQL. The replica that is killed and the one started later are child processes; the one that stays is this
 * JVM's own kb (two extra JVMs at most, for a machine of two cores).
 */
class ReplicaProcessesTest {
    private static final String COURSE = "replicated";
    private static final String OLD_WORD = "marmotgrove";
    private static final String NEW_WORD = "tapirquill";
    /** Only in version 2 of basics.md: the lessons share the new word. */
    private static final String BASICS_WORD = "okapiledger";
    private static final String FOLLOWED_WORD = "quokkaferry";
    private static final String TOKEN = "replica-admin-" + "token";
    /** Enough that the killed run spends a while in its open transaction (the course-wide steps), so the kill lands inside it. */
    private static final int GENERATED = 300;
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void a_replica_killed_mid_run_leaves_the_others_serving_its_job_fails_a_retry_elsewhere_succeeds_a_late_replica_catches_up_and_the_others_follow_its_runs(
            @TempDir Path dir) throws Exception {
        TestDatabases.Target target = TestDatabases.externalUrl() != null
                ? TestDatabases.Target.EXTERNAL : TestDatabases.Target.EMBEDDED;
        Config.DatabaseSettings database = TestDatabases.fresh(target);
        Path course = dir.resolve("course");
        Files.createDirectories(course);
        Files.writeString(course.resolve("README.md"), "# Replicated\n\n## Agenda\n\n- Basics\n  - [Basics](basics.md)\n");
        Files.writeString(course.resolve("basics.md"), "# Basics\n\nThe " + OLD_WORD + " is where it starts.\n");

        Config stays = new Config(0, dir.resolve("b"), database, new Config.HttpSettings(TOKEN, List.of()))
                .withJobLease(LEASE);
        try (Kb b = Kb.open(stays)) {
            b.index(COURSE, course);
            Javalin server = ApiServer.create(b).start(0);
            Replica a = Replica.start(dir, "a", course, database);
            try {
                a.awaitReady();
                // Version 2: the old word goes, thousands of lessons make the run long.
                Files.writeString(course.resolve("basics.md"), "# Basics\n\nThe " + NEW_WORD + " and the " + BASICS_WORD
                        + " are where it starts.\n");
                Courses.writeLessons(course.resolve("lessons"), GENERATED, NEW_WORD);
                String jobId = a.reindex();
                // Mid-run: its transaction is open (storing documents), nothing of it is committed. The job is read
                // through B: any replica answers for any job.
                awaitWhile(a, "A's run to store its documents", () -> {
                    Job job = b.jobs().get(jobId);
                    assertThat(job.state()).as("the run is still under way when polled").isIn("queued", "running");
                    return job.progress() != null && Set.of("store", "course-wide").contains(job.progress().phase());
                });
                a.kill();
                System.out.printf("A killed in its run: %s%n", b.jobs().get(jobId));

                assertThat(Replicas.paths(b, COURSE, OLD_WORD)).as("B serves the previous state")
                        .containsExactly("basics.md");
                assertThat(Replicas.paths(b, COURSE, NEW_WORD)).isEmpty();
                await("A's job to fail once its lease ends", () -> b.jobs().get(jobId).state().equals("failed"));
                assertThat(b.jobs().get(jobId).error()).isEqualTo(JobStore.EXPIRED);
                assertThat(Replicas.paths(b, COURSE, NEW_WORD)).as("still the previous state").isEmpty();

                // The retry, through B: it waits for nothing A held (its lock went with its connections).
                Job retry = b.reindexLater(COURSE, false);
                await("the retry through B", () -> b.jobs().get(retry.id()).finishedAt() != null,
                        () -> b.jobs().get(retry.id()).toString());
                assertThat(b.jobs().get(retry.id()).state()).as(b.jobs().get(retry.id()).error())
                        .isEqualTo("succeeded");
                assertThat(Replicas.paths(b, COURSE, BASICS_WORD)).containsExactly("basics.md");
                assertThat(Replicas.paths(b, COURSE, OLD_WORD)).isEmpty();
            } finally {
                a.kill();
                server.stop();
            }

            // A replica started now says ready only once its index holds the newest run: its first "ready" already
            // finds version 2.
            Replica c = Replica.start(dir, "c", course, database);
            try {
                c.awaitReady();
                String found = c.get("/api/v1/search?course=" + COURSE + "&q=" + BASICS_WORD).body();
                assertThat(found).contains("\"basics.md\"");
                assertThat(c.get("/api/v1/search?course=" + COURSE + "&q=" + OLD_WORD).body()).contains("\"total\":0");

                // A change re-indexed through C reaches B, which runs nothing itself: it follows C's announcement.
                Files.writeString(course.resolve("basics.md"), "# Basics\n\nThe " + FOLLOWED_WORD + " came last.\n");
                String changed = c.reindex();
                await("C's run", () -> b.jobs().get(changed).finishedAt() != null, () -> b.jobs().get(changed).toString());
                assertThat(b.jobs().get(changed).state()).as(b.jobs().get(changed).error()).isEqualTo("succeeded");
                await("B to follow C's run", () -> Replicas.paths(b, COURSE, FOLLOWED_WORD).contains("basics.md"));
                assertThat(Replicas.paths(b, COURSE, BASICS_WORD)).isEmpty();
            } finally {
                c.kill();
            }
        }
    }

    /** A {@code kb serve} in a JVM of its own. */
    private record Replica(Process process, int port, Path err) {
        static Replica start(Path dir, String name, Path course, Config.DatabaseSettings database) throws IOException {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Path err = dir.resolve(name + ".err");
            ProcessBuilder builder = new ProcessBuilder(javaCommand(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), "dev.kb.Main", "serve", course.toString(),
                    "--course-id", COURSE, "--offline", "--port", Integer.toString(port),
                    "--data-dir", dir.resolve(name).toString(), "--database-url", database.url(),
                    "--job-lease", LEASE.toSeconds() + "s")
                    .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(err.toFile());
            builder.environment().put("KB_ADMIN_TOKEN", TOKEN);
            return new Replica(builder.start(), port, err);
        }

        void awaitReady() throws Exception {
            awaitWhile(this, "replica on port " + port + " to be ready", () -> {
                try {
                    return get("/health/ready").statusCode() == 200;
                } catch (IOException notListeningYet) {
                    return false;
                }
            });
        }

        String reindex() throws Exception {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/courses/" + COURSE
                            + "/reindex?full=true")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            Matcher id = ID.matcher(answer.body());
            assertThat(id.find()).isTrue();
            return id.group(1);
        }

        HttpResponse<String> get(String path) throws IOException {
            try {
                return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        /** SIGKILL on Linux: no shutdown hook, no catch block runs. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        String stderr() {
            try {
                String text = Files.readString(err);
                return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
            } catch (IOException e) {
                return "(no stderr: " + e.getMessage() + ")";
            }
        }
    }

    private static void awaitWhile(Replica replica, String what, BooleanSupplier done) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(replica.process().isAlive()).as("the replica died waiting for %s:%n%s", what, replica.stderr())
                    .isTrue();
            assertThat(System.nanoTime()).as("waiting for %s:%n%s", what, replica.stderr()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        await(what, done, () -> "");
    }

    private static void await(String what, BooleanSupplier done, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertThat(System.nanoTime()).as("waiting for %s: %s", what, state.get()).isLessThan(deadline);
            }
            Thread.sleep(50);
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}

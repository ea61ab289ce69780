package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.api.ApiServer;
import dev.kb.app.Job;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.BareRepo;
import dev.kb.testing.TestDatabases;
import io.javalin.Javalin;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitHub and GitLab push webhooks over real HTTP, signed with a real HMAC, against local bare repositories. */
class WebhookTest {
    private static final String SECRET = "webhook-secret-" + "7f3a";
    private static final String AGENDA = "# Hook Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    @TempDir
    Path tmp;

    private static final String ADMIN = "admin-token-" + "webhooks";

    private Kb kb;
    private Javalin server;
    private BareRepo repo;
    private Config.DatabaseSettings database;

    @BeforeEach
    void start() {
        repo = BareRepo.create(tmp, "hooked");
        repo.commit("first", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nFirst.\n"));
        repo.push("refs/heads/main");
        database = TestDatabases.fresh(TestDatabases.Target.EMBEDDED);
        kb = open("data");
        server = ApiServer.create(kb).start(0);
    }

    /** A kb process on the test's database, following the hooked repository's main branch. */
    private Kb open(String dataDir) {
        Kb opened = Kb.open(new Config(0, tmp.resolve(dataDir), database,
                new Config.HttpSettings(ADMIN, java.util.List.of())));
        CatalogService catalog = opened.catalog(GitSettings.DEFAULT.withPoll(Duration.ZERO).withWebhookSecret(SECRET));
        catalog.add(CourseSource.git("hooked", repo.url(), "main", null, null));
        return opened;
    }

    @AfterEach
    void stop() {
        server.stop();
        kb.close();
        repo.close();
    }

    private static String sign(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private Response github(String event, String delivery, String signature, String body) {
        var request = given(server.port()).contentType("application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery).body(body);
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.post("/api/v1/hooks/github");
    }

    private String pushPayload(String url, String ref) {
        return "{\"ref\":\"" + ref + "\",\"after\":\"0123\",\"repository\":{\"clone_url\":\"" + url
                + "\",\"default_branch\":\"main\"}}";
    }

    private Job awaitJob(String id) throws InterruptedException {
        return CatalogTestApp.awaitJob(kb, id);
    }

    @Test
    void a_signed_github_push_syncs_the_course_and_a_replay_a_bad_signature_or_another_ref_do_not() throws Exception {
        String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";
        github("ping", "d-0", sign(ping, SECRET), ping).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("pong"));

        String second = repo.commit("second", Map.of("more.md", "# More\n\nSecond.\n"));
        repo.push("refs/heads/main");
        String body = pushPayload(repo.url(), "refs/heads/main");
        github("push", "d-1", sign(body, "another-secret"), body).then().statusCode(401);
        github("push", "d-1", null, body).then().statusCode(401);
        github("push", "d-1", sign(body + " ", SECRET), body).then().statusCode(401);

        Response accepted = github("push", "d-1", sign(body, SECRET), body);
        accepted.then().statusCode(202);
        String jobId = accepted.jsonPath().getString("jobs[0].id");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/jobs/" + jobId);
        Job job = awaitJob(jobId);
        assertThat(job.state()).as(job.error()).isEqualTo("succeeded");
        assertThat(given(server.port()).get("/api/v1/courses/hooked").then().statusCode(200).extract().jsonPath()
                .getString("source.commit.sha")).isEqualTo(second);

        github("push", "d-1", sign(body, SECRET), body).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("duplicate"));
        String otherRef = pushPayload(repo.url(), "refs/heads/feature");
        github("push", "d-2", sign(otherRef, SECRET), otherRef).then().statusCode(404);
        String otherRepo = pushPayload("https://github.com/someone/else.git", "refs/heads/main");
        github("push", "d-3", sign(otherRepo, SECRET), otherRepo).then().statusCode(404);
        String issue = "{\"action\":\"opened\"}";
        github("issues", "d-4", sign(issue, SECRET), issue).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ignored"));
    }

    @Test
    void two_processes_receiving_one_delivery_start_one_sync_and_the_course_shows_its_deliveries() throws Exception {
        repo.commit("second", Map.of("more.md", "# More\n\nSecond.\n"));
        repo.push("refs/heads/main");
        String body = pushPayload(repo.url(), "refs/heads/main");
        String signature = sign(body, SECRET);
        try (Kb other = open("other")) {
            Javalin otherServer = ApiServer.create(other).start(0);
            try {
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.List<java.util.concurrent.CompletableFuture<Response>> answers = java.util.stream.Stream.of(
                        server.port(), otherServer.port()).map(port -> java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> {
                                    try {
                                        together.await();
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                    return given(port).contentType("application/json").header("X-GitHub-Event", "push")
                                            .header("X-GitHub-Delivery", "twice").header("X-Hub-Signature-256", signature)
                                            .body(body).post("/api/v1/hooks/github");
                                })).toList();
                java.util.List<Integer> statuses = answers.stream().map(a -> a.join().statusCode()).sorted().toList();
                assertThat(statuses).as("one process syncs, the other answers duplicate").containsExactly(200, 202);
                Response accepted = answers.stream().map(java.util.concurrent.CompletableFuture::join)
                        .filter(r -> r.statusCode() == 202).findFirst().orElseThrow();
                String jobId = accepted.jsonPath().getString("jobs[0].id");
                assertThat(awaitJob(jobId).state()).isEqualTo("succeeded");
                // Either process answers for the job, whichever started it.
                assertThat(other.jobs().get(jobId).state()).isEqualTo("succeeded");
            } finally {
                otherServer.stop();
            }
        }
        String feature = pushPayload(repo.url(), "refs/heads/feature");
        github("push", "to-feature", sign(feature, SECRET), feature).then().statusCode(404);
        github("push", "forged", sign(body, "not-the-secret"), body).then().statusCode(401);

        given(server.port()).get("/api/v1/courses/hooked/deliveries").then().statusCode(401);
        Response log = given(server.port()).auth().oauth2(ADMIN).get("/api/v1/courses/hooked/deliveries");
        log.then().statusCode(200);
        assertThat(log.jsonPath().getList("deliveries.deliveryId", String.class))
                .as("newest first; the duplicate is logged by the process that answered it")
                .containsExactly("forged", "to-feature", "twice", "twice");
        java.util.List<String> results = log.jsonPath().getList("deliveries.result", String.class);
        assertThat(results.subList(0, 2)).containsExactly("refused", "refused");
        assertThat(results.subList(2, 4)).containsExactlyInAnyOrder("duplicate", "accepted");
        int acceptedAt = results.indexOf("accepted");
        assertThat(log.jsonPath().getString("deliveries[0].message")).contains("X-Hub-Signature-256");
        assertThat(log.jsonPath().getString("deliveries[1].message")).contains("refs/heads/feature");
        assertThat(log.jsonPath().getString("deliveries[" + acceptedAt + "].commit")).isEqualTo("0123");
        assertThat(log.jsonPath().getString("deliveries[" + acceptedAt + "].job")).isNotNull();
        given(server.port()).auth().oauth2(ADMIN).get("/api/v1/courses/nowhere/deliveries").then().statusCode(404);
    }

    @Test
    void a_gitlab_push_with_the_token_syncs_the_course_and_a_wrong_token_is_refused() throws Exception {
        String body = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"project\":{\"git_http_url\":\""
                + repo.url() + "\",\"default_branch\":\"main\"}}";
        given(server.port()).contentType("application/json").header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Token", SECRET + "x").body(body).post("/api/v1/hooks/gitlab").then().statusCode(401);

        Response accepted = given(server.port()).contentType("application/json").header("X-Gitlab-Event", "Push Hook")
                .header("X-Gitlab-Event-UUID", "u-1").header("X-Gitlab-Token", SECRET).body(body)
                .post("/api/v1/hooks/gitlab");

        accepted.then().statusCode(202);
        Job job = awaitJob(accepted.jsonPath().getString("jobs[0].id"));
        assertThat(job.state()).as("the commit is indexed already: a sync with nothing to do").isEqualTo("succeeded");
    }

    @Test
    void one_repository_written_several_ways_is_one_repository() {
        String same = Webhooks.same("https://github.com/Team/Course.git");
        assertThat(Webhooks.same("https://github.com/team/course")).isEqualTo(same);
        assertThat(Webhooks.same("git@github.com:team/course.git")).isEqualTo(same);
        assertThat(Webhooks.same("ssh://git@github.com/team/course.git")).isEqualTo(same);
        assertThat(Webhooks.same("https://user:token@github.com/team/course.git/")).isEqualTo(same);
        assertThat(Webhooks.same("https://github.com/team/other.git")).isNotEqualTo(same);
    }
}

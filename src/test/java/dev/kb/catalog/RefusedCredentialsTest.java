package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.kb.app.Job;
import dev.kb.testing.BareRepo;
import dev.kb.testing.GitHttpServer;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A private repository over HTTP whose forge stops taking kb's token (revoked, expired): the course keeps serving
 * its last indexed commit, the refusal shows in the course, /health and /metrics, and neither the token nor a
 * password written into a URL appears in a log line or an API answer.
 */
class RefusedCredentialsTest extends CatalogTestApp {
    private static final String TOKEN = "glpat-s3cret-kb-token-4e1d";
    private static final String URL_PASSWORD = "url-passw0rd-91ac";
    private static final String AGENDA = "# Private Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger kbLogger = (Logger) LoggerFactory.getLogger("dev.kb");
    private Level kbLevel;

    @BeforeEach
    void captureLogs() {
        kbLevel = kbLogger.getLevel();
        kbLogger.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restoreLogs() {
        root.detachAppender(logs);
        kbLogger.setLevel(kbLevel);
    }

    @Test
    void refused_credentials_keep_the_last_commit_served_and_no_secret_is_shown_or_logged() throws Exception {
        BareRepo repo = BareRepo.create(tmp, "private");
        String first = repo.commit("first", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nPrivate words.\n"));
        repo.push("refs/heads/main");
        try (GitHttpServer forge = GitHttpServer.serve(repo.bare(), TOKEN, URL_PASSWORD)) {
            CatalogService catalog = open(GitSettings.DEFAULT.withToken(null, TOKEN));
            String withPassword = forge.url().replace("http://", "http://trainer:" + URL_PASSWORD + "@");
            assertThat(catalog.add(CourseSource.git("private", forge.url(), "main", null, null)).outcome())
                    .isEqualTo(SyncResult.Outcome.INDEXED);
            assertThat(catalog.add(CourseSource.git("in-url", withPassword, "main", null, null)).outcome())
                    .isEqualTo(SyncResult.Outcome.INDEXED);
            assertThat(forge.authorizations()).as("the token went to the forge as the password")
                    .contains("Basic " + Base64.getEncoder().encodeToString(("oauth2:" + TOKEN)
                            .getBytes(StandardCharsets.UTF_8)));

            forge.refuseAll();
            repo.commit("second", Map.of("more.md", "# More\n\nNot to be seen yet.\n"));
            repo.push("refs/heads/main");
            SyncResult refused = catalog.poll("private");
            Job job = awaitJob(kb.sources().syncLater("in-url").id());

            assertThat(refused.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
            assertThat(refused.error()).containsAnyOf("not authorized", "401", "Authentication");
            assertThat(job.state()).isEqualTo("failed");
            JsonPath course = course("private");
            assertThat(course.getString("source.commit.sha")).isEqualTo(first);
            assertThat(course.getString("source.lastFetch.error")).isEqualTo(refused.error());
            assertThat(course.getInt("topics")).isEqualTo(1);
            assertThat(course("in-url").getString("source.url")).isEqualTo(forge.url());
            JsonPath health = given(server.port()).get("/health").then().statusCode(200).extract().jsonPath();
            assertThat(health.getString("status")).isEqualTo("degraded");
            assertThat(health.getString("sources.detail")).contains("private: ").contains("in-url: ");
            List<String> answers = new ArrayList<>(List.of(
                    given(server.port()).get("/api/v1/courses").then().statusCode(200).extract().asString(),
                    given(server.port()).get("/api/v1/courses/private").then().extract().asString(),
                    given(server.port()).get("/api/v1/courses/in-url").then().extract().asString(),
                    given(server.port()).get("/health").then().extract().asString(),
                    given(server.port()).get("/metrics").then().extract().asString(),
                    refused.error(), job.error()));
            assertThat(answers.get(4)).contains("kb_sources_failing 2.0");
            assertThat(given(server.port()).get("/api/v1/search?q=private&course=private").then().statusCode(200)
                    .extract().jsonPath().getInt("total")).as("still searchable").isPositive();

            List<String> logged = logs.list.stream().map(e -> e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                    .toList();
            assertThat(logged).as("the refusals were logged").anyMatch(line -> line.contains("private"));
            for (String secret : List.of(TOKEN, URL_PASSWORD)) {
                assertThat(answers).noneMatch(a -> a != null && a.contains(secret));
                assertThat(logged).noneMatch(line -> line.contains(secret));
            }
        }
    }
}

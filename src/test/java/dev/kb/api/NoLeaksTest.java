package dev.kb.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Error bodies say what went wrong in the client's terms: no stack traces, SQL, driver or server paths; and the
 * admin token, right or wrong, is in no log line, whatever the request did with it.
 */
class NoLeaksTest {
    private static final String TOKEN = "s3cret-admin-token-7f1c2b";
    private static final String WRONG = "wrong-token-9d8e7a";

    @Test
    void error_bodies_leak_nothing_and_tokens_are_never_logged(@TempDir Path tmp) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger kb = (Logger) LoggerFactory.getLogger("dev.kb");
        Level kbLevel = kb.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        kb.setLevel(Level.DEBUG); // the most a deployment would log
        Path course = Courses.fixtureCopy(tmp);
        try (TestApp app = TestApp.start(course, TestDatabases.Target.EMBEDDED,
                new Config.HttpSettings(TOKEN, List.of("*"), List.of(tmp)))) {
            String dataDir = app.config().dataDir().toString();
            List<Supplier<Response>> requests = List.of(
                    () -> given().port(app.port()).get("/api/v1/topics/0000000000000000"),
                    () -> given().port(app.port()).get("/api/v1/topics/../../etc/passwd"),
                    () -> given().port(app.port()).queryParam("q", "x").queryParam("course", "no-such").get("/api/v1/search"),
                    () -> given().port(app.port()).queryParam("limit", "NaN").queryParam("course", "x").get("/api/v1/topics"),
                    () -> given().port(app.port()).contentType("application/json").body("{\"q\": [1, {\"x\"").post("/api/v1/passages"),
                    () -> given().port(app.port()).contentType("application/json").body("{\"q\": 12}").post("/api/v1/passages"),
                    () -> given().port(app.port()).delete("/api/v1/search"),
                    () -> given().port(app.port()).get("/api/v1/nowhere"),
                    () -> given().port(app.port()).get("/api/v1/courses/no-such/graph"),
                    () -> given().port(app.port()).header("Authorization", "Bearer " + WRONG).post("/api/v1/courses/x/reindex"),
                    () -> given().port(app.port()).queryParam("token", TOKEN).post("/api/v1/courses/x/reindex"),
                    () -> given().port(app.port()).auth().oauth2(TOKEN).post("/api/v1/courses/no-such/reindex"),
                    () -> given().port(app.port()).auth().oauth2(TOKEN).get("/api/v1/jobs/nope"),
                    () -> given().port(app.port()).auth().oauth2(TOKEN).contentType("application/json")
                            .body(Map.of("path", "/nonexistent/dir")).post("/api/v1/courses"),
                    () -> given().port(app.port()).auth().oauth2(TOKEN).contentType("application/json")
                            .body(Map.of("path", tmp.toString(), "id", app.report().courseId())).post("/api/v1/courses"));
            List<String> bodies = new ArrayList<>();
            for (Supplier<Response> request : requests) {
                Response r = request.get();
                assertThat(r.statusCode()).as(r.asString()).isBetween(400, 499);
                assertThat(r.contentType()).startsWith("application/problem+json");
                bodies.add(r.asString());
            }
            // A request that succeeds with the token, so its handling is in the logs too.
            given().port(app.port()).auth().oauth2(TOKEN).queryParam("full", true)
                    .post("/api/v1/courses/{c}/reindex", app.report().courseId()).then().statusCode(202);

            for (String body : bodies) {
                assertThat(body).as("error body").doesNotContain("Exception").doesNotContain("\tat ")
                        .doesNotContain("dev.kb.").doesNotContain("org.").doesNotContain("java.")
                        .doesNotContainIgnoringCase("select ").doesNotContainIgnoringCase("jdbc")
                        .doesNotContainIgnoringCase("postgres").doesNotContain(dataDir).doesNotContain(tmp.toString())
                        .doesNotContain(course.toString()).doesNotContain("/tmp/").doesNotContain(TOKEN)
                        .doesNotContain(WRONG);
            }
        } finally {
            root.detachAppender(logs);
            kb.setLevel(kbLevel);
        }
        assertThat(logs.list).as("log events").isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            String line = event.getFormattedMessage() + " " + event.getMDCPropertyMap()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            assertThat(line).as("log line").doesNotContain(TOKEN).doesNotContain(WRONG);
        }
    }
}

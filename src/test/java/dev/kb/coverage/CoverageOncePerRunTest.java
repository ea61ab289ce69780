package dev.kb.coverage;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.references.CheckSettings;
import dev.kb.references.LinkChecker;
import dev.kb.testing.Courses;
import dev.kb.testing.LocalWeb;
import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A coverage report costs seconds of CPU on a large course: it is computed once for the index run (and link checks)
 * it reflects, stored in PostgreSQL, and served from there; a re-index or a link check makes the next request
 * compute it again, with what changed. Counted with {@link CoverageService#computed()} and the stored row.
 */
class CoverageOncePerRunTest {
    private static final String COURSE = "cov-course";
    private LocalWeb web;
    private Path dir;
    private Path course;
    private TestApp app;

    @BeforeEach
    void start() throws IOException {
        web = LocalWeb.start().route("/gone", ex -> LocalWeb.respond(ex, 404, "text/plain", "not here"));
        dir = Files.createTempDirectory("kb-cov-once-");
        course = Files.createDirectories(dir.resolve(COURSE));
        Files.writeString(course.resolve("README.md"), "# Coverage course\n\n## Agenda\n\n### Basics\n"
                + "- [Pods](pods.md)\n- [Services](services.md)\n- Ingress without a document\n");
        Files.writeString(course.resolve("pods.md"), "# Pods\n\nA pod runs containers. See [the old docs]("
                + web.url("/gone") + ").\n");
        Files.writeString(course.resolve("services.md"), "# Services\n\nA service routes traffic to pods.\n");
        // The server PostgreSQL where one is configured (CI), else the embedded one.
        List<TestDatabases.Target> targets = TestDatabases.targets();
        app = TestApp.start(course, targets.get(targets.size() - 1));
    }

    @AfterEach
    void stop() {
        app.close();
        web.close();
        Courses.delete(dir);
    }

    @Test
    void the_report_is_computed_once_per_run_and_then_served_from_the_database() throws Exception {
        CoverageService coverage = app.kb().services().coverage();
        String computed = coverage(null).body("summary.brokenLinks", equalTo(0))
                .body("summary.gapsWithoutCoverage", equalTo(1)).extract().asString();
        for (int i = 0; i < 3; i++) {
            // The stored report is the computed one, field for field.
            assertThat(coverage(null).extract().asString()).isEqualTo(computed);
            coverage("markdown");
        }
        assertThat(coverage.computed()).isEqualTo(1);
        assertThat(stored()).isEqualTo(List.of(app.report().runId(), 0L));

        // Another kb on the same database (a replica, or this one restarted) serves the stored report as it is.
        Path otherData = Files.createTempDirectory(dir, "replica-");
        try (Kb replica = Kb.open(new Config(0, otherData, app.config().database()))) {
            CoverageReport served = replica.services().coverage().report(COURSE);
            assertThat(replica.services().coverage().computed()).isZero();
            assertThat(served).isEqualTo(coverage.report(COURSE));
        }
    }

    @Test
    void a_re_index_computes_the_report_again_with_what_changed() throws Exception {
        CoverageService coverage = app.kb().services().coverage();
        coverage(null).body("summary.brokenLinks", equalTo(0));
        Files.writeString(course.resolve("services.md"), "# Services\n\nA service routes traffic to [pods](podz.md).\n");
        long run = app.kb().index(COURSE, course).runId();

        coverage(null).body("summary.brokenLinks", equalTo(1)).body("brokenLinks[0].closest", equalTo("pods.md"));
        coverage(null).body("summary.brokenLinks", equalTo(1));
        assertThat(coverage.computed()).isEqualTo(2);
        assertThat(stored()).isEqualTo(List.of(run, 0L));
    }

    @Test
    void a_link_check_computes_the_report_again_with_the_new_statuses() throws Exception {
        CoverageService coverage = app.kb().services().coverage();
        coverage(null).body("externalLinks.byStatus.unchecked", equalTo(1));
        app.kb().checkLinks(COURSE, CheckSettings.defaults().withAllowPrivate(true), LinkChecker.Progress.NONE);

        coverage(null).body("externalLinks.byStatus.broken", equalTo(1))
                .body("externalLinks.failing[0].url", equalTo(web.url("/gone")));
        coverage("markdown").body(org.hamcrest.Matchers.containsString("| External links | 1 broken |"));
        assertThat(coverage.computed()).isEqualTo(2);
        assertThat(stored()).isEqualTo(List.of(app.report().runId(), 1L));
    }

    private io.restassured.response.ValidatableResponse coverage(String format) {
        var request = given(app.port());
        if (format != null) {
            request.queryParam("format", format);
        }
        return request.get("/api/v1/courses/" + COURSE + "/coverage").then().statusCode(200);
    }

    /** The stored report's run and link-check count. */
    private List<Long> stored() throws SQLException {
        try (Connection c = DriverManager.getConnection(app.config().database().url());
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select run_id, link_checks from coverage_report where course_id = '"
                     + COURSE + "'")) {
            assertThat(r.next()).as("a stored report").isTrue();
            return List.of(r.getLong(1), r.getLong(2));
        }
    }
}

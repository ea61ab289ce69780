package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.kb.app.Job;
import dev.kb.testing.BareRepo;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog managed at run time over the admin routes: a git repository (or a directory) added with POST is
 * followed and still followed after a restart; DELETE leaves nothing of the course (rows, search documents,
 * checkout); bad requests are problem+json.
 */
class CatalogAdminTest extends CatalogTestApp {
    private static final String AGENDA = "# Admin Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    private RequestSpecification admin() {
        return given(server.port()).header("Authorization", "Bearer " + ADMIN_TOKEN).contentType("application/json");
    }

    private Job added(Response accepted) throws InterruptedException {
        accepted.then().statusCode(202);
        String id = accepted.jsonPath().getString("id");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/jobs/" + id);
        Job job = awaitJob(id);
        assertThat(job.state()).as(job.error()).isEqualTo("succeeded");
        return job;
    }

    private BareRepo repo(String name, String word) {
        BareRepo repo = BareRepo.create(tmp, name);
        repo.commit("first", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nThe word " + word + ".\n",
                "course/README.md", AGENDA, "course/intro.md", "# Intro\n\nSubdir " + word + ".\n"));
        repo.push("refs/heads/main");
        return repo;
    }

    private int hits(String word) {
        return given(server.port()).queryParam("q", word).get("/api/v1/search").then().statusCode(200).extract()
                .jsonPath().getInt("total");
    }

    @Test
    void courses_added_over_the_api_are_followed_again_after_a_restart() throws Exception {
        BareRepo repo = repo("added", "zanzibar");
        Path dir = Files.createDirectories(tmp.resolve("drafts/draft"));
        Files.writeString(dir.resolve("README.md"), AGENDA);
        Files.writeString(dir.resolve("intro.md"), "# Intro\n\nA draft.\n");
        openWithAdmin(GitSettings.DEFAULT);

        added(admin().body(Map.of("git", repo.url(), "ref", "main", "subdir", "course", "id", "added"))
                .post("/api/v1/courses"));
        added(admin().body(Map.of("path", dir.toString(), "id", "draft")).post("/api/v1/courses"));
        assertThat(course("added").getString("source.kind")).isEqualTo("git");
        assertThat(course("added").getString("source.subdir")).isEqualTo("course");
        assertThat(course("added").getString("source.ref")).isEqualTo("main");
        String pushed = repo.commit("second", Map.of("course/more.md", "# More\n\nPushed while kb was down.\n"));
        repo.push("refs/heads/main");

        CatalogService catalog = restart();
        assertThat(catalog.source("added")).as("not followed before the resume").isEmpty();
        List<Job> resumed = kb.sources().resumeAddedAtRunTime();

        assertThat(resumed).extracting(Job::course).containsExactly("added", "draft");
        for (Job job : resumed) {
            assertThat(awaitJob(job.id()).state()).isEqualTo("succeeded");
        }
        assertThat(catalog.source("added")).as("followed (polled, matched by webhooks) again").isPresent();
        assertThat(course("added").getString("source.commit.sha")).as("the resume fetched the new commit")
                .isEqualTo(pushed);
        assertThat(course("draft").getString("source.kind")).isEqualTo("directory");
        assertThat(catalog.source("draft")).isPresent();
    }

    @Test
    void deleting_a_course_leaves_nothing_of_it_behind() throws Exception {
        BareRepo repo = repo("doomed", "quetzalcoatl");
        BareRepo other = repo("kept", "quetzalcoatl");
        openWithAdmin(GitSettings.DEFAULT);
        added(admin().body(Map.of("git", repo.url(), "id", "doomed")).post("/api/v1/courses"));
        added(admin().body(Map.of("git", other.url(), "id", "kept")).post("/api/v1/courses"));
        Path checkout = tmp.resolve("data/git/doomed");
        assertThat(checkout.resolve("intro.md")).exists();
        assertThat(rows("doomed")).as("before").containsKeys("course", "document", "index_run", "course_source",
                "agenda_section");
        assertThat(hits("quetzalcoatl")).isEqualTo(4);
        assertThat(given(server.port()).get("/metrics").then().statusCode(200).extract().asString())
                .contains("course=\"doomed\"");

        admin().delete("/api/v1/courses/doomed").then().statusCode(204);

        assertThat(rows("doomed")).isEmpty();
        assertThat(kb.searchIndex().committedRuns()).doesNotContainKey("doomed").containsKey("kept");
        assertThat(hits("quetzalcoatl")).as("only the kept course's documents").isEqualTo(2);
        assertThat(checkout).doesNotExist();
        assertThat(given(server.port()).get("/metrics").then().statusCode(200).extract().asString())
                .doesNotContain("course=\"doomed\"").contains("course=\"kept\"");
        assertThat(tmp.resolve("data/git/kept/intro.md")).exists();
        given(server.port()).get("/api/v1/courses/doomed").then().statusCode(404);
        assertThat(kb.catalog(GitSettings.DEFAULT).source("doomed")).isEmpty();
        admin().delete("/api/v1/courses/doomed").then().statusCode(404)
                .contentType(containsString("application/problem+json"));

        restart();
        assertThat(kb.sources().resumeAddedAtRunTime()).extracting(Job::course).containsExactly("kept");
        assertThat(rows("doomed")).isEmpty();
    }

    @Test
    void bad_requests_are_problems_and_courses_of_the_catalog_file_are_not_deleted_over_the_api() throws Exception {
        BareRepo repo = repo("listed", "x");
        CatalogService catalog = openWithAdmin(GitSettings.DEFAULT);
        catalog.add(CourseSource.git("listed", repo.url(), "main", null, null));

        admin().body(Map.of("git", "ftp://example.org/x.git")).post("/api/v1/courses").then().statusCode(400)
                .contentType(containsString("application/problem+json"));
        admin().body(Map.of("git", repo.url(), "path", tmp.toString())).post("/api/v1/courses").then().statusCode(400);
        admin().body(Map.of("path", tmp.toString(), "ref", "main")).post("/api/v1/courses").then().statusCode(400);
        admin().body(Map.of("git", repo.url(), "subdir", "../up", "id", "up")).post("/api/v1/courses").then()
                .statusCode(400);
        admin().body(Map.of("git", repo.url(), "id", "Not Valid")).post("/api/v1/courses").then().statusCode(400);
        admin().body(Map.of("git", "file:///etc/", "id", "etc")).post("/api/v1/courses").then().statusCode(403);
        admin().body(Map.of("git", repo.url(), "ref", "v9", "id", "listed")).post("/api/v1/courses").then()
                .statusCode(409);
        given(server.port()).contentType("application/json").body(Map.of("git", repo.url()))
                .post("/api/v1/courses").then().statusCode(401);
        given(server.port()).delete("/api/v1/courses/listed").then().statusCode(401);
        admin().delete("/api/v1/courses/nothing-here").then().statusCode(404);
        admin().delete("/api/v1/courses/listed").then().statusCode(409)
                .body("detail", containsString("catalog file"));
        assertThat(course("listed").getString("source.kind")).isEqualTo("git");
        admin().body(Map.of("git", repo.url(), "ref", "main", "id", "listed")).post("/api/v1/courses").then()
                .statusCode(202).body("course", equalTo("listed"));
    }

    /** Per table, the rows the course has (tables without any left out). */
    private Map<String, Integer> rows(String course) throws SQLException {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(kb.config().database().url())) {
            for (String table : List.of("course", "document", "index_run", "course_source", "agenda_section",
                    "coverage_report", "prerequisite")) {
                String column = table.equals("course") ? "id" : "course_id";
                try (var s = c.prepareStatement("select count(*) from " + table + " where " + column + " = ?")) {
                    s.setString(1, course);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getInt(1) > 0) {
                            counts.put(table, r.getInt(1));
                        }
                    }
                }
            }
        }
        return counts;
    }
}

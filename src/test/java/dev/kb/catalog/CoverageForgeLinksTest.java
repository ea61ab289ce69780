package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.BareRepo;
import dev.kb.testing.TestDatabases;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The coverage report of a course from a forge leads each finding to the file to mend there: a broken link to the
 * file it is in, a gap to the agenda, a suggestion to its topic; the markdown report links them too.
 */
class CoverageForgeLinksTest extends CatalogTestApp {
    private static final String AGENDA = "# Forge Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n"
            + "  - [Ghosts](ghosts.md)\n  - Kubernetes ingress routing\n";

    @Test
    void broken_links_and_gaps_lead_to_their_files_on_the_forge() {
        BareRepo repo = BareRepo.create(tmp, "forge");
        repo.commit("first", Map.of("README.md", AGENDA, "intro.md", "# Intro\n\nSee [setup](setup.md).\n",
                "ingress.md", "# Kubernetes ingress routing\n\nIngress routing in Kubernetes.\n"));
        repo.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT);
        catalog.add(CourseSource.git("forge", repo.url(), "main", null, null));
        // As if fetched from GitHub: kb's tests reach no forge, and the links follow from the recorded source.
        TestDatabases.execute(kb.config().database().url(), "update course_source set url = "
                + "'https://github.com/team/forge-course.git' where course_id = 'forge'");
        String sha = course("forge").getString("source.commit.sha");
        String blob = "https://github.com/team/forge-course/blob/" + sha + "/";
        String edit = "https://github.com/team/forge-course/edit/main/";

        JsonPath report = given(server.port()).get("/api/v1/courses/forge/coverage").then().statusCode(200)
                .extract().jsonPath();

        assertThat(report.getList("brokenLinks.source")).containsExactlyInAnyOrder("README.md", "intro.md");
        for (int i = 0; i < 2; i++) {
            String source = report.getString("brokenLinks[" + i + "].source");
            assertThat(report.getString("brokenLinks[" + i + "].sourceUrl")).isEqualTo(blob + source);
            assertThat(report.getString("brokenLinks[" + i + "].editUrl")).isEqualTo(edit + source);
        }
        assertThat(report.getString("gaps.find { it.title == 'Kubernetes ingress routing' }.editUrl"))
                .isEqualTo(edit + "README.md");
        assertThat(report.getList("gaps.find { it.title == 'Kubernetes ingress routing' }.suggestions.sourceUrl"))
                .contains(blob + "ingress.md");
        String markdown = given(server.port()).header("Accept", "text/markdown").get("/api/v1/courses/forge/coverage")
                .then().statusCode(200).extract().asString();
        assertThat(markdown).contains("[`intro.md`](" + blob + "intro.md)").contains("([edit](" + edit + "README.md))");
    }
}

package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kb.api.ApiServer;
import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.BareRepo;
import dev.kb.testing.TestDatabases;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Courses straight from git: local bare repositories made here (file:// URLs), fetched with JGit into the data
 * directory, indexed, and shown with their source and commit on the API (checked against openapi.yaml).
 */
class GitSourcesTest extends CatalogTestApp {
    private static final String AGENDA = "# Git Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            m.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return m;
    }

    @Test
    void a_repository_at_the_remote_head_is_fetched_indexed_and_shown_with_its_commit() {
        BareRepo repo = BareRepo.create(tmp, "basics");
        repo.commit("First version\n\nwith a body that is not shown", files("README.md", AGENDA,
                "intro.md", "# Intro\n\nPods and kubectl.\n"));
        String sha = repo.commit("Second version", files("extra.md", "# Extra\n\nMore text.\n"));
        repo.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT);

        SyncResult result = catalog.add(CourseSource.git("basics", repo.url(), null, null, null));

        assertThat(result.outcome()).as(result.error()).isEqualTo(SyncResult.Outcome.INDEXED);
        JsonPath c = course("basics");
        assertThat(c.getString("title")).isEqualTo("Git Course");
        assertThat(c.getInt("topics")).as("intro and extra; nothing of .git").isEqualTo(2);
        assertThat(c.getString("source.kind")).isEqualTo("git");
        assertThat(c.getString("source.url")).isEqualTo(repo.url());
        assertThat(c.getString("source.ref")).isNull();
        assertThat(c.getString("source.commit.sha")).isEqualTo(sha);
        assertThat(c.getString("source.commit.message")).isEqualTo("Second version");
        assertThat(c.getString("source.lastFetch.error")).isNull();
        assertThat(Files.isRegularFile(tmp.resolve("data/git/basics/intro.md"))).isTrue();
        assertThat(tmp.resolve("data/git/basics/.git/shallow")).as("fetched shallow: one commit, no history")
                .isRegularFile();
        assertThat(given(server.port()).get("/api/v1/courses").then().statusCode(200).extract().jsonPath()
                .getString("items[0].source.commit.sha")).isEqualTo(sha);
    }

    @Test
    void a_branch_a_tag_a_commit_and_a_subdirectory_each_give_their_own_commit() {
        BareRepo repo = BareRepo.create(tmp, "multi");
        String first = repo.commit("v1 of the course", files("course/README.md", AGENDA,
                "course/intro.md", "# Intro\n\nOld words.\n", "notes.md", "# Not the course\n"));
        repo.tag("v1");
        String second = repo.commit("main moves on", files("course/more.md", "# More\n\nNew words.\n"));
        repo.checkoutNewBranch("draft");
        String draft = repo.commit("a draft", files("course/draft.md", "# Draft\n\nUnfinished.\n"));
        repo.push("refs/heads/main");
        repo.push("refs/heads/draft");
        repo.push("refs/tags/v1");
        CatalogService catalog = open(GitSettings.DEFAULT);

        catalog.add(CourseSource.git("on-tag", repo.url(), "v1", "course", null));
        catalog.add(CourseSource.git("on-branch", repo.url(), "draft", "course/", null));
        catalog.add(CourseSource.git("on-commit", repo.url(), second.substring(0, 10), "course", null));

        assertThat(course("on-tag").getString("source.commit.sha")).isEqualTo(first);
        assertThat(course("on-tag").getInt("topics")).as("intro only; notes.md is outside the subdir").isEqualTo(1);
        assertThat(course("on-branch").getString("source.commit.sha")).isEqualTo(draft);
        assertThat(course("on-branch").getString("source.subdir")).isEqualTo("course");
        assertThat(course("on-branch").getInt("topics")).isEqualTo(3);
        assertThat(course("on-commit").getString("source.commit.sha")).isEqualTo(second);
        assertThat(course("on-commit").getInt("topics")).isEqualTo(2);
    }

    @Test
    void a_restart_finds_the_course_indexed_and_does_not_index_its_commit_again() {
        BareRepo repo = BareRepo.create(tmp, "restart");
        String sha = repo.commit("only", files("README.md", AGENDA, "intro.md", "# Intro\n\nWords.\n"));
        repo.push("refs/heads/main");
        Config config = new Config(0, tmp.resolve("data"), TestDatabases.fresh(TestDatabases.Target.EMBEDDED));
        kb = Kb.open(config);
        kb.catalog(GitSettings.DEFAULT.withPoll(Duration.ZERO)).add(CourseSource.git("restart", repo.url(), null, null,
                null));
        kb.close();

        kb = Kb.open(config);
        server = ApiServer.create(kb).start(0);
        SyncResult again = kb.catalog(GitSettings.DEFAULT.withPoll(Duration.ZERO))
                .add(CourseSource.git("restart", repo.url(), null, null, null));

        assertThat(again.outcome()).isEqualTo(SyncResult.Outcome.UNCHANGED);
        assertThat(again.commit().sha()).isEqualTo(sha);
        JsonPath c = course("restart");
        assertThat(c.getString("source.commit.sha")).isEqualTo(sha);
        assertThat(c.getInt("topics")).isEqualTo(1);
    }

    @Test
    void a_subdirectory_climbing_out_of_the_checkout_is_refused() {
        assertThatThrownBy(() -> CourseSource.git("x", "file:///tmp/x.git", null, "../other", null))
                .hasMessageContaining("climbs out of the repository");
        assertThatThrownBy(() -> CourseSource.git("x", "file:///tmp/x.git", null, "/etc", null))
                .hasMessageContaining("climbs out");
        assertThatThrownBy(() -> CourseSource.git("x", "file:///tmp/x.git", null, "a/../../b", null))
                .hasMessageContaining("climbs out");
        assertThat(CourseSource.git("x", "file:///tmp/x.git", null, "a/./b/", null).subdir()).isEqualTo("a/b");
    }

    @Test
    void a_missing_subdirectory_fails_with_the_reason_and_the_course_is_listed_with_it() {
        BareRepo repo = BareRepo.create(tmp, "nosub");
        repo.commit("only a root", files("README.md", AGENDA));
        repo.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT);

        SyncResult result = catalog.add(CourseSource.git("nosub", repo.url(), "main", "course", null));

        assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(result.error()).contains("subdir 'course'");
        JsonPath c = course("nosub");
        assertThat(c.getString("source.lastFetch.error")).contains("subdir 'course'");
        assertThat(c.getString("source.commit")).isNull();
        assertThat(c.getString("indexedAt")).isNull();
    }

    @Test
    void credentials_in_a_url_or_the_token_never_reach_the_api_or_an_error() {
        String token = "tok-" + "s3cr3t-value";
        CatalogService catalog = open(GitSettings.DEFAULT.withToken(null, token));
        // Port 9 (discard) on loopback: nothing answers, the fetch fails at once.
        SyncResult result = catalog.add(CourseSource.git("secret", "https://someone:" + token
                + "@127.0.0.1:9/team/course.git", null, null, null));

        assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        String body = given(server.port()).get("/api/v1/courses/secret").then().statusCode(200).extract().asString();
        assertThat(body).doesNotContain(token).doesNotContain("someone:")
                .contains("https://127.0.0.1:9/team/course.git");
        assertThat(result.error()).doesNotContain(token);
        assertThat(GitSettings.DEFAULT.withToken(null, token).toString()).doesNotContain(token);
        assertThat(GitUrls.withoutCredentials("ssh://git:pw@host/x.git")).isEqualTo("ssh://git@host/x.git");
        assertThat(GitUrls.withoutCredentials("git@github.com:team/x.git")).isEqualTo("git@github.com:team/x.git");
    }
}

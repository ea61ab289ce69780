package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.BareRepo;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Following repositories as they change: a poll fetches only a new commit and re-indexes that course alone; a remote
 * that fails (gone, ref deleted, over the limits) leaves the course on its last indexed commit, with the error shown
 * in the course and in /health; a force-push is followed.
 */
class GitFreshnessTest extends CatalogTestApp {
    private static final String AGENDA = "# Fresh Course\n\n## Days\n\n- Basics\n  - [Intro](intro.md)\n";

    private JsonPath health() {
        return given(server.port()).get("/health").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, String> files(String... pathsAndTexts) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            m.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return m;
    }

    @Test
    void a_poll_fetches_only_a_new_commit_and_reindexes_that_course_alone() {
        BareRepo a = BareRepo.create(tmp, "a");
        a.commit("a1", files("README.md", AGENDA, "intro.md", "# Intro\n\nOld.\n", "old.md", "# Old\n\nGone soon.\n",
                "same.md", "# Same\n\nStays.\n"));
        a.push("refs/heads/main");
        BareRepo b = BareRepo.create(tmp, "b");
        b.commit("b1", files("README.md", AGENDA, "intro.md", "# Intro\n\nB.\n"));
        b.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT);
        catalog.add(CourseSource.git("a", a.url(), "main", null, null));
        catalog.add(CourseSource.git("b", b.url(), "main", null, null));
        long bRun = course("b").getLong("lastRunId");

        assertThat(catalog.poll("a").outcome()).as("nothing pushed").isEqualTo(SyncResult.Outcome.UNCHANGED);
        String a2 = a.commit("a2", files("intro.md", "# Intro\n\nNew words.\n", "new.md", "# New\n\nFresh.\n",
                "old.md", null));
        a.push("refs/heads/main");
        SyncResult polled = catalog.poll("a");

        assertThat(polled.outcome()).as(polled.error()).isEqualTo(SyncResult.Outcome.INDEXED);
        assertThat(polled.commit().sha()).isEqualTo(a2);
        assertThat(polled.changedFiles()).as("from the diff between the indexed commit and the new one")
                .containsExactlyInAnyOrder("intro.md", "new.md", "old.md");
        assertThat(polled.report().filesParsed()).as("the unchanged files are not parsed again").isEqualTo(2);
        assertThat(polled.report().filesRemoved()).isEqualTo(1);
        assertThat(course("a").getString("source.commit.sha")).isEqualTo(a2);
        assertThat(course("a").getInt("topics")).isEqualTo(3);
        assertThat(course("b").getLong("lastRunId")).as("the other course is not re-indexed").isEqualTo(bRun);
        assertThat(catalog.poll("a").outcome()).isEqualTo(SyncResult.Outcome.UNCHANGED);
    }

    @Test
    void a_deleted_ref_or_a_vanished_remote_leaves_the_last_commit_served_and_the_error_shown() throws IOException {
        BareRepo repo = BareRepo.create(tmp, "r");
        repo.commit("main", files("README.md", AGENDA, "intro.md", "# Intro\n\nMain.\n"));
        repo.push("refs/heads/main");
        repo.checkoutNewBranch("draft");
        String draft = repo.commit("draft", files("draft.md", "# Draft\n\nDraft words.\n"));
        repo.push("refs/heads/draft");
        CatalogService catalog = open(GitSettings.DEFAULT);
        catalog.add(CourseSource.git("r", repo.url(), "draft", null, null));
        assertThat(health().getString("status")).isEqualTo("ok");

        repo.deleteRemoteBranch("draft");
        SyncResult deleted = catalog.poll("r");

        assertThat(deleted.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(deleted.error()).contains("ref 'draft' is not on the remote");
        JsonPath c = course("r");
        assertThat(c.getString("source.commit.sha")).isEqualTo(draft);
        assertThat(c.getInt("topics")).isEqualTo(2);
        assertThat(c.getString("source.lastFetch.error")).contains("ref 'draft'");
        JsonPath h = health();
        assertThat(h.getString("status")).isEqualTo("degraded");
        assertThat(h.getString("sources.status")).isEqualTo("failing");
        assertThat(h.getString("sources.detail")).contains("r: ref 'draft' is not on the remote");
        assertThat(given(server.port()).get("/metrics").then().statusCode(200).extract().asString())
                .contains("kb_sources_failing 1.0");
        assertThat(given(server.port()).get("/api/v1/search?q=draft&course=r").then().statusCode(200).extract()
                .jsonPath().getInt("total")).as("still searchable").isPositive();

        repo.push("refs/heads/draft");
        Path moved = tmp.resolve("moved.git");
        Files.move(repo.bare(), moved);
        SyncResult gone = catalog.poll("r");
        assertThat(gone.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(course("r").getString("source.lastFetch.error")).isNotBlank();
        assertThat(course("r").getString("source.commit.sha")).isEqualTo(draft);

        Files.move(moved, repo.bare());
        assertThat(catalog.poll("r").outcome()).as("back: the same commit, nothing to index")
                .isEqualTo(SyncResult.Outcome.UNCHANGED);
        assertThat(course("r").getString("source.lastFetch.error")).isNull();
        assertThat(health().getString("status")).isEqualTo("ok");
        assertThat(given(server.port()).get("/metrics").then().statusCode(200).extract().asString())
                .contains("kb_sources_failing 0.0");
    }

    @Test
    void a_force_push_is_followed_to_the_rewritten_commit() {
        BareRepo repo = BareRepo.create(tmp, "f");
        String first = repo.commit("first", files("README.md", AGENDA, "intro.md", "# Intro\n\nOne.\n"));
        repo.commit("second", files("wrong.md", "# Wrong\n\nPushed by mistake.\n"));
        repo.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT);
        catalog.add(CourseSource.git("f", repo.url(), null, null, null));
        assertThat(course("f").getInt("topics")).isEqualTo(2);

        repo.resetHard(first);
        String rewritten = repo.commit("second, done right", files("right.md", "# Right\n\nBetter.\n"));
        repo.push("refs/heads/main");
        SyncResult result = catalog.poll("f");

        assertThat(result.outcome()).as(result.error()).isEqualTo(SyncResult.Outcome.INDEXED);
        assertThat(course("f").getString("source.commit.sha")).isEqualTo(rewritten);
        assertThat(result.changedFiles()).containsExactlyInAnyOrder("wrong.md", "right.md");
        assertThat(tmp.resolve("data/git/f/wrong.md")).doesNotExist();
        assertThat(course("f").getInt("topics")).isEqualTo(2);
    }

    @Test
    void a_commit_over_the_limits_is_not_checked_out_and_the_course_keeps_its_commit() {
        BareRepo repo = BareRepo.create(tmp, "big");
        String small = repo.commit("small", files("README.md", AGENDA, "intro.md", "# Intro\n\nSmall.\n"));
        repo.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT.withLimits(10_000, 3));
        catalog.add(CourseSource.git("big", repo.url(), null, null, null));

        repo.commit("too many", files("a.md", "# A\n", "b.md", "# B\n"));
        repo.push("refs/heads/main");
        SyncResult files = catalog.poll("big");
        assertThat(files.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
        assertThat(files.error()).contains("more than 3 files");
        assertThat(tmp.resolve("data/git/big/a.md")).as("not checked out").doesNotExist();
        assertThat(course("big").getString("source.commit.sha")).isEqualTo(small);

        repo.commit("too big", files("a.md", null, "b.md", null, "intro.md", "x".repeat(20_000)));
        repo.push("refs/heads/main");
        SyncResult bytes = catalog.poll("big");
        assertThat(bytes.error()).contains("more than 10000 bytes");
        assertThat(course("big").getString("source.lastFetch.error")).contains("more than 10000 bytes");
        assertThat(course("big").getString("source.commit.sha")).isEqualTo(small);
    }
}

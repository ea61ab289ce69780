package dev.kb.catalog;

import static dev.kb.testing.Contract.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.testing.BareRepo;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A new commit is re-indexed from the git diff between the indexed commit and the new one: only the files it names
 * are read (and the agenda, parsed on every run); when the diff cannot speak for the indexed data (the checkout is
 * gone, or was not at the indexed commit) every file is read and compared by its hash.
 */
class DiffReindexTest extends CatalogTestApp {
    private static final String AGENDA = "# Diff Course\n\n## Days\n\n- Basics\n  - [A](a.md)\n  - [B](b.md)\n";

    private BareRepo repo;

    private CatalogService start() {
        repo = BareRepo.create(tmp, "diffed");
        Map<String, String> files = new HashMap<>(Map.of("README.md", AGENDA));
        for (String name : new String[] {"a", "b", "c", "d", "e"}) {
            files.put(name + ".md", "# " + name.toUpperCase() + "\n\nThe first words of " + name + ".\n");
        }
        repo.commit("first", files);
        repo.push("refs/heads/main");
        CatalogService catalog = open(GitSettings.DEFAULT);
        SyncResult first = catalog.add(CourseSource.git("diffed", repo.url(), "main", null, null));
        assertThat(first.report().filesRead()).as("the first index reads every file").isEqualTo(6);
        return catalog;
    }

    private long hits(String word) {
        return given(server.port()).queryParam("q", word).queryParam("course", "diffed").get("/api/v1/search")
                .then().statusCode(200).extract().jsonPath().getLong("total");
    }

    @Test
    void a_push_changing_one_file_reads_and_parses_only_that_file() {
        CatalogService catalog = start();
        repo.commit("b changes", Map.of("b.md", "# B\n\nNow about xylophones.\n"));
        repo.push("refs/heads/main");

        SyncResult polled = catalog.poll("diffed");

        assertThat(polled.changedFiles()).containsExactly("b.md");
        assertThat(polled.report().filesScanned()).isEqualTo(6);
        assertThat(polled.report().filesRead()).as("b.md and the agenda, not the four others").isEqualTo(2);
        assertThat(polled.report().filesParsed()).isEqualTo(1);
        assertThat(hits("xylophones")).isEqualTo(1);
        assertThat(course("diffed").getInt("topics")).isEqualTo(5);
    }

    @Test
    void a_force_push_is_diffed_from_the_indexed_commit_and_its_content_served() {
        CatalogService catalog = start();
        String first = repo.commit("a changes", Map.of("a.md", "# A\n\nAbout marimbas.\n"));
        repo.push("refs/heads/main");
        catalog.poll("diffed");
        assertThat(hits("marimbas")).isEqualTo(1);

        repo.resetHard(first + "~1");
        repo.commit("b changes instead", Map.of("b.md", "# B\n\nAbout ocarinas.\n", "f.md", "# F\n\nNew.\n"));
        repo.push("refs/heads/main");
        SyncResult polled = catalog.poll("diffed");

        assertThat(polled.outcome()).as(polled.error()).isEqualTo(SyncResult.Outcome.INDEXED);
        assertThat(polled.changedFiles()).as("a tree diff needs no common history")
                .containsExactlyInAnyOrder("a.md", "b.md", "f.md");
        assertThat(polled.report().filesRead()).isEqualTo(4);
        assertThat(hits("marimbas")).as("a.md is back to its first words").isZero();
        assertThat(hits("ocarinas")).isEqualTo(1);
        assertThat(course("diffed").getInt("topics")).isEqualTo(6);
    }

    @Test
    void without_a_diff_that_speaks_for_the_indexed_data_every_file_is_read() throws Exception {
        CatalogService catalog = start();
        // The checkout is gone (a new data directory, a disk replaced): the indexed commit is unknown to it.
        catalog.unfollow("diffed");
        assertThat(tmp.resolve("data/git/diffed")).doesNotExist();
        catalog.follow(CourseSource.git("diffed", repo.url(), "main", null, null));
        repo.commit("c changes", Map.of("c.md", "# C\n\nAbout theremins.\n"));
        repo.push("refs/heads/main");

        SyncResult fresh = catalog.poll("diffed");

        assertThat(fresh.changedFiles()).isNull();
        assertThat(fresh.report().filesRead()).isEqualTo(6);
        assertThat(fresh.report().filesParsed()).as("the hashes still spare the parsing").isEqualTo(1);
        assertThat(hits("theremins")).isEqualTo(1);

        // The working tree is not at the commit the data was indexed from (an index of it failed, say).
        TestDatabases.execute(kb.config().database().url(),
                "update course_source set commit_sha = '" + "0".repeat(40) + "' where course_id = 'diffed'");
        repo.commit("d changes", Map.of("d.md", "# D\n\nAbout kazoos.\n"));
        repo.push("refs/heads/main");

        SyncResult mismatched = catalog.poll("diffed");

        assertThat(mismatched.changedFiles()).isNull();
        assertThat(mismatched.report().filesRead()).isEqualTo(6);
        assertThat(hits("kazoos")).isEqualTo(1);
        assertThat(Files.readString(tmp.resolve("data/git/diffed/d.md"))).contains("kazoos");
    }
}

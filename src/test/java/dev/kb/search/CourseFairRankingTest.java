package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.kb.testing.TestApp;
import dev.kb.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranking over courses of different sizes in one index (see {@link CourseSearcher}): a small operations course of
 * four topics and a large Kubernetes course of forty, whose every topic but one says "kubernetes" and whose topics
 * are several times longer. Pooled statistics make "kubernetes" a word of no weight for every course and the large
 * course's length the measure of what is long; the fair answers below are what each course would get if it were
 * alone, or if the courses were equally large.
 */
class CourseFairRankingTest {
    private static final String SMALL = "ops";
    private static final String LARGE = "kube";
    private static final String RESTIC = "# Restic snapshots\n\nRestic stores encrypted snapshots in a repository; "
            + "prune old snapshots weekly and check the repository monthly.\n";

    @TempDir
    static Path tmp;
    private static TestApp alone;
    private static TestApp both;

    @BeforeAll
    static void start() throws IOException {
        Path small = smallCourse(tmp.resolve(SMALL));
        Path large = largeCourse(tmp.resolve(LARGE));
        alone = TestApp.start(small, TestDatabases.Target.EMBEDDED);
        both = TestApp.start(small, TestDatabases.Target.EMBEDDED);
        both.kb().index(LARGE, large);
    }

    @AfterAll
    static void stop() {
        if (alone != null) {
            alone.close();
        }
        if (both != null) {
            both.close();
        }
    }

    @Test
    void searching_one_course_ranks_it_as_if_it_were_the_only_course() {
        for (String q : List.of("backup", "incremental backup plan", "restic snapshots", "cron users",
                "repository")) {
            List<SearchHit> expected = search(alone, q, SMALL);
            List<SearchHit> actual = search(both, q, SMALL);
            assertThat(expected).as(q).isNotEmpty();
            assertThat(actual).as(q).extracting(SearchHit::path)
                    .containsExactlyElementsOf(expected.stream().map(SearchHit::path).toList());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(actual.get(i).score()).as(q + " #" + i)
                        .isCloseTo(expected.get(i).score(), within(expected.get(i).score() * 1e-4f));
            }
        }
    }

    @Test
    void a_large_course_does_not_make_its_subject_word_count_for_nothing() {
        // "backup" alone, the small course's lesson on backups is the better answer (its title, headings and text);
        // asked with the large course's subject, the large course's backup topic is the one that has both words.
        List<SearchHit> hits = search(both, "kubernetes backup", null);
        assertThat(hits).extracting(h -> h.course() + "/" + h.path()).startsWith(LARGE + "/backup.md",
                SMALL + "/backup.md");
        assertThat(search(both, "backup", null)).extracting(h -> h.course() + "/" + h.path())
                .startsWith(SMALL + "/backup.md", LARGE + "/backup.md");
    }

    @Test
    void the_same_topic_scores_the_same_in_a_small_and_a_large_course() {
        List<SearchHit> hits = search(both, "restic snapshots", null);
        assertThat(hits).hasSizeGreaterThanOrEqualTo(2);
        assertThat(hits.subList(0, 2)).extracting(SearchHit::course).containsExactlyInAnyOrder(SMALL, LARGE);
        assertThat(hits.get(0).score()).isCloseTo(hits.get(1).score(), within(hits.get(0).score() * 1e-5f));
    }

    @Test
    void the_course_facet_counts_the_hits_of_each_course() {
        SearchResult result = both.kb().services().search()
                .search(new SearchService.Request("restic snapshots", null, 10, 0));
        assertThat(result.facets().get("course")).extracting(f -> f.value() + "=" + f.count())
                .containsExactlyInAnyOrder(SMALL + "=1", LARGE + "=1");
    }

    private static List<SearchHit> search(TestApp app, String q, String course) {
        return app.kb().services().search().search(new SearchService.Request(q, course, 10, 0)).hits();
    }

    private static Path smallCourse(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("README.md"), "# Operations\n\n## Agenda\n\n1. Basics\n"
                + "   * [Backup](backup.md)\n   * [Restic](restic.md)\n   * [Cron](cron.md)\n   * [Users](users.md)\n");
        Files.writeString(dir.resolve("backup.md"), "# Backup\n\n## Full backup\n\nA full backup copies every file; "
                + "plan each backup.\n\n## Incremental backup\n\nAn incremental backup copies what changed since the "
                + "last backup.\n\n## Backup rotation\n\nKeep seven daily backup copies, and test each backup by a restore.\n");
        Files.writeString(dir.resolve("restic.md"), RESTIC);
        Files.writeString(dir.resolve("cron.md"), "# Cron jobs\n\nCron runs jobs on a schedule for users; "
                + "crontab -e edits them.\n");
        Files.writeString(dir.resolve("users.md"), "# Users and groups\n\nuseradd creates a user; groups collect "
                + "users.\n");
        return dir;
    }

    /** Forty long topics on Kubernetes: each says "kubernetes" (but the one on restic, as in the small course). */
    private static Path largeCourse(Path dir) throws IOException {
        Files.createDirectories(dir);
        String[] words = {"pod", "deployment", "service", "namespace", "controller", "node", "scheduler", "label",
            "selector", "replica", "container", "image", "volume", "ingress", "secret", "configmap", "probe",
            "resource", "limit", "request", "cluster", "manifest", "rollout", "daemonset"};
        Random random = new Random(18);
        StringBuilder agenda = new StringBuilder("# Kubernetes\n\n## Agenda\n\n1. Everything\n"
                + "   * [Backup](backup.md)\n   * [Restic](restic.md)\n");
        Files.writeString(dir.resolve("backup.md"), "# Backup with Velero\n\nVelero takes a backup of a kubernetes cluster: "
                + "its resources and its volumes.\n");
        Files.writeString(dir.resolve("restic.md"), RESTIC);
        for (int i = 0; i < 38; i++) {
            String name = String.format("topic-%02d.md", i);
            StringBuilder text = new StringBuilder("# " + words[i % words.length] + " " + i + "\n\nIn kubernetes");
            for (int w = 0; w < 120; w++) {
                text.append(' ').append(words[random.nextInt(words.length)]);
            }
            Files.writeString(dir.resolve(name), text.append(".\n").toString());
            agenda.append("   * [Topic ").append(i).append("](").append(name).append(")\n");
        }
        Files.writeString(dir.resolve("README.md"), agenda.toString());
        return dir;
    }
}

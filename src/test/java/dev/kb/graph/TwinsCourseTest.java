package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.coverage.CoverageReport;
import dev.kb.model.TopicIds;
import dev.kb.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 16's remaining misses, each on a fixture course written to show it ({@code courses/twins-course}): a title
 * naming an earlier topic's whole subject orders the two across modules; a gap suggestion prefers the topic titled
 * like the item (in either language) and the one in the folder the item's module teaches from over twins using the
 * same words, a hyphenated title word finds a topic that uses its parts apart and a typo the handout repeats is
 * corrected; folder mates the agenda leaves out are ordered by the commands their code runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwinsCourseTest {
    private static final String COURSE = "twins-course";
    private TestApp app;

    @BeforeAll
    void start() {
        app = TestApp.fixture(COURSE);
    }

    @AfterAll
    void stop() {
        app.close();
    }

    private boolean before(String earlier, String later) {
        return app.kb().services().graph().course(COURSE, null, false, true).edges().stream()
                .anyMatch(e -> e.from().equals(TopicIds.of(COURSE, earlier)) && e.to().equals(TopicIds.of(COURSE, later)));
    }

    private List<String> suggested(String item) {
        CoverageReport report = app.kb().services().coverage().report(COURSE);
        return report.gaps().stream().filter(g -> g.title().equals(item)).findFirst().orElseThrow().suggestions()
                .stream().map(CoverageReport.Suggestion::path).toList();
    }

    @Test
    void a_title_naming_an_earlier_topics_subject_comes_after_it_across_modules() {
        assertThat(before("setup/guard-debian.md", "troubleshooting/guard-debian-issues.md")).isTrue();
        assertThat(before("troubleshooting/guard-debian-issues.md", "setup/guard-debian.md")).isFalse();
    }

    @Test
    void of_folder_mates_the_agenda_leaves_out_the_one_whose_command_the_others_code_runs_comes_first() {
        // "Cursor" runs CREATE ROUTINE in its examples and never says "routine" in its prose; "Create a stored
        // routine" never names a cursor.
        assertThat(before("routines/create-routine.md", "routines/cursor.md")).isTrue();
        assertThat(before("routines/cursor.md", "routines/create-routine.md")).isFalse();
    }

    @Test
    void a_typo_the_handout_repeats_is_still_corrected() {
        assertThat(app.kb().services().graph().course(COURSE, null, false, true).nodes())
                .noneMatch(n -> n.path().equals("_README.md"));
        assertThat(suggested("Capabilites and Exercise")).startsWith("caps/for-files.md");
    }

    @Test
    void the_topic_titled_like_the_item_in_the_other_language_comes_first() {
        // Both name "left join" and have an example; only one is titled "Example left joins".
        assertThat(suggested("Beispiel Left join")).startsWith("joins/example-leftjoin.md");
    }

    @Test
    void of_twins_the_one_in_the_modules_folder_comes_first() {
        // Both are titled "Kernel Hardening"; the root one uses the word more often, the module teaches from kernel/.
        assertThat(suggested("Hardening")).startsWith("kernel/hardening.md");
    }

    @Test
    void a_hyphenated_title_word_finds_a_topic_using_its_parts() {
        assertThat(suggested("Using otp-authentication")).contains("notes/otp.md");
    }
}

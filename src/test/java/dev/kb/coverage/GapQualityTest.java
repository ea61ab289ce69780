package dev.kb.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.eval.GapEvaluation;
import dev.kb.eval.JudgedQuery;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coverage report's suggestions for the judged agenda items of ../shared/eval reach the goal, above
 * PostgreSQL full-text search given the same titles as OR-queries in the same run; and on the real course the
 * report names the missing file with its likely target. Skipped where ../shared is absent.
 */
class GapQualityTest {

    @Test
    void gap_suggestions_reach_the_goal_and_the_real_course_report_names_what_is_broken(@TempDir Path dataDir)
            throws Exception {
        Path course = Courses.assumeReal();
        try (Kb kb = Kb.open(new Config(0, dataDir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.index("istio-kubernetes", course);
            GapEvaluation.Report gaps = GapEvaluation.run(kb.services().gaps(), kb.baseline(), "istio-kubernetes",
                    JudgedQuery.read(course.resolve("../../eval/gap-suggestions-dev.tsv").normalize()),
                    kb.handouts("istio-kubernetes"));
            assertThat(gaps.kb().mrr()).as("MRR@10").isGreaterThanOrEqualTo(0.85);
            assertThat(gaps.kb().mrr()).isGreaterThan(gaps.bestPostgres().getValue().mrr());

            CoverageReport report = kb.services().coverage().report("istio-kubernetes");
            assertThat(report.brokenLinks()).anySatisfy(b -> {
                assertThat(b.target()).isEqualTo("explore/01-hack-session-hostpid.md");
                assertThat(b.closest()).isEqualTo("security/explore/01-hack-session-hostpid.md");
            });
            assertThat(report.summary().empty()).isEqualTo(1);
            assertThat(report.orphanDocuments()).isNotEmpty();
            assertThat(report.emptyDocuments()).isNotEmpty();
            assertThat(report.gaps()).anyMatch(g -> !g.covered());
        }
    }
}

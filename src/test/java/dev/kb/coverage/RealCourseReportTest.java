package dev.kb.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the real course the coverage report names the missing file with its likely target, and finds the empty,
 * orphan and uncovered things it has. (Its gap suggestions are scored in eval/regressions.tsv.) Skipped where
 * ../shared is absent.
 */
class RealCourseReportTest {

    @Test
    void the_real_course_report_names_what_is_broken(@TempDir Path dataDir) {
        Path course = Courses.assumeReal();
        try (Kb kb = Kb.open(new Config(0, dataDir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.index("istio-kubernetes", course);
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

package dev.kb.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.eval.JudgedPairs;
import dev.kb.eval.PrerequisiteEvaluation;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judged teaching orders of ../shared/eval hold on the real course, no forbidden order does, and the graph
 * stays sparse. Skipped where ../shared is absent.
 */
class GraphQualityTest {

    @Test
    void dev_pairs_hold_no_negative_pair_does_and_the_graph_stays_sparse(@TempDir Path dataDir) throws Exception {
        Path course = Courses.assumeReal();
        JudgedPairs pairs = JudgedPairs.read(course.resolve("../../eval/prerequisites-dev.tsv").normalize());
        try (Kb kb = Kb.open(new Config(0, dataDir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.index("istio-kubernetes", course);
            PrerequisiteEvaluation.Report report =
                    PrerequisiteEvaluation.run(kb.services().graph(), "istio-kubernetes", pairs);
            assertThat(report.missed()).as("positive pairs missed").isEmpty();
            assertThat(report.violated()).as("negative pairs violated").isEmpty();
            assertThat(report.averageDirect()).as("direct prerequisites per topic").isLessThanOrEqualTo(2.5);
            assertThat(report.positives()).isPositive();
            assertThat(report.negatives()).isPositive();
        }
    }
}

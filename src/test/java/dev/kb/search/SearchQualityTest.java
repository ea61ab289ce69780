package dev.kb.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.eval.JudgedQuery;
import dev.kb.eval.PassageEvaluation;
import dev.kb.eval.SearchEvaluation;
import dev.kb.testing.Courses;
import dev.kb.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judged dev questions of ../shared/eval stay at the goal, and above PostgreSQL full-text search measured in
 * the same run. Skipped where ../shared is absent.
 */
class SearchQualityTest {

    @Test
    void dev_questions_reach_the_goal_and_beat_postgres_full_text_search(@TempDir Path dataDir) throws Exception {
        Path course = Courses.assumeReal();
        List<JudgedQuery> judged = JudgedQuery.read(course.resolve("../../eval/queries-dev.tsv").normalize());
        try (Kb kb = Kb.open(new Config(0, dataDir, TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            kb.index("istio-kubernetes", course);
            SearchEvaluation.Report report = SearchEvaluation.run(kb.services().search(), kb.baseline(),
                    "istio-kubernetes", judged, kb.handouts("istio-kubernetes"), 0);
            assertThat(report.kb().mrr()).as("MRR@10").isGreaterThanOrEqualTo(0.95);
            assertThat(report.kb().recall()).as("Recall@10").isGreaterThanOrEqualTo(0.90);
            assertThat(report.kb().mrr()).isGreaterThan(report.bestPostgres().getValue().mrr());
            assertThat(report.kb().recall()).isGreaterThan(report.bestPostgres().getValue().recall());
            // The compiled handout was recognised: it is what PostgreSQL's careful variant leaves out.
            assertThat(kb.handouts("istio-kubernetes")).isNotEmpty();
            // Passages for retrieval-augmented answers: the top 5 cite a relevant document for 28 of 30 questions.
            PassageEvaluation.Report passages = PassageEvaluation.run(kb.services().passages(), "istio-kubernetes", judged);
            assertThat(passages.cited()).as("questions with a relevant citation in the top 5, missed: %s",
                    passages.missed()).isGreaterThanOrEqualTo(judged.size() - 2);
        }
    }
}

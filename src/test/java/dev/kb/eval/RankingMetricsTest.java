package dev.kb.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankingMetricsTest {

    @Test
    void mrr_recall_and_ndcg_follow_their_definitions() {
        List<JudgedQuery> judged = List.of(
                new JudgedQuery("a", List.of("best", "other")),
                new JudgedQuery("b", List.of("x")),
                new JudgedQuery("c", List.of("y")));
        Map<String, List<String>> ranked = Map.of(
                "a", List.of("best", "noise", "other"),
                "b", List.of("noise", "x"),
                "c", List.of("noise"));
        RankingMetrics.Scores s = RankingMetrics.score(judged, ranked::get);
        assertThat(s.mrr()).isCloseTo((1 + 0.5 + 0) / 3, within(1e-9));
        assertThat(s.recall()).isCloseTo((1 + 1 + 0) / 3.0, within(1e-9));
        double idealA = 3 + 1 / log2(3);
        double ndcgA = (3 + 1 / log2(4)) / idealA;
        double ndcgB = (3 / log2(3)) / 3; // x is the best answer (grade 2, gain 3), found at rank 2
        assertThat(s.ndcg()).isCloseTo((ndcgA + ndcgB + 0) / 3, within(1e-9));
        assertThat(s.misses()).extracting(RankingMetrics.Miss::query).containsExactly("b", "c");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

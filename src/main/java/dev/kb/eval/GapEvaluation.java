package dev.kb.eval;

import dev.kb.search.GapSuggester;
import dev.kb.store.FullTextBaseline;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores the coverage report's suggestions for agenda items without a document (the judged file: item title, then
 * the topics that cover it) next to PostgreSQL full-text search given the same titles as OR-queries.
 */
public final class GapEvaluation {

    public record Report(int items, RankingMetrics.Scores kb, Map<String, RankingMetrics.Scores> postgres) {
        public Map.Entry<String, RankingMetrics.Scores> bestPostgres() {
            return RankingMetrics.best(postgres);
        }
    }

    private GapEvaluation() {
    }

    public static Report run(GapSuggester gaps, FullTextBaseline baseline, String courseId, List<JudgedQuery> judged,
                             Set<String> handouts) {
        RankingMetrics.Scores kb = RankingMetrics.score(judged, title -> gaps.suggest(title, courseId, RankingMetrics.K)
                .stream().map(GapSuggester.Suggestion::path).toList());
        Map<String, RankingMetrics.Scores> postgres = new LinkedHashMap<>();
        for (String config : FullTextBaseline.CONFIGURATIONS) {
            postgres.put(config, RankingMetrics.score(judged, title -> baseline.search(courseId, config,
                    FullTextBaseline.anyOf(title), true, handouts, RankingMetrics.K)));
        }
        return new Report(judged.size(), kb, postgres);
    }
}

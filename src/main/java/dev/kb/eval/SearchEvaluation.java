package dev.kb.eval;

import dev.kb.search.SearchHit;
import dev.kb.search.SearchService;
import dev.kb.store.FullTextBaseline;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores kb's search on judged questions next to PostgreSQL full-text search over the same documents, in one
 * run, and times kb's searches (in-process, so server-side: no HTTP).
 */
public final class SearchEvaluation {

    /** {@code slowest}: the queries with the highest median time, slowest first, with that median. */
    public record Latency(int searches, double medianMillis, double p99Millis, Map<String, Double> slowest) {
    }

    /**
     * @param postgres     per text search configuration, agenda and compiled handouts left out
     * @param postgresNaive the best configuration with agenda and handouts left in, as a naive indexer would
     */
    public record Report(int queries, RankingMetrics.Scores kb, Map<String, RankingMetrics.Scores> postgres,
                         RankingMetrics.Scores postgresNaive, Latency latency) {

        public Map.Entry<String, RankingMetrics.Scores> bestPostgres() {
            return RankingMetrics.best(postgres);
        }
    }

    private SearchEvaluation() {
    }

    public static Report run(SearchService search, FullTextBaseline baseline, String courseId,
                             List<JudgedQuery> queries, Set<String> handouts, int rounds) {
        RankingMetrics.Scores kb = RankingMetrics.score(queries, q -> paths(search, courseId, q));
        Map<String, RankingMetrics.Scores> postgres = new LinkedHashMap<>();
        RankingMetrics.Scores naive = null;
        for (String config : FullTextBaseline.CONFIGURATIONS) {
            postgres.put(config, RankingMetrics.score(queries,
                    q -> baseline.search(courseId, config, q, true, handouts, RankingMetrics.K)));
            RankingMetrics.Scores all = RankingMetrics.score(queries,
                    q -> baseline.search(courseId, config, q, false, Set.of(), RankingMetrics.K));
            if (naive == null || all.mrr() > naive.mrr()) {
                naive = all;
            }
        }
        return new Report(queries.size(), kb, postgres, naive, time(search, courseId, queries, rounds));
    }

    private static List<String> paths(SearchService search, String courseId, String query) {
        return paths(search, courseId, query, false);
    }

    /** @param fresh search again rather than answer from the recent results (timing measures the search) */
    private static List<String> paths(SearchService search, String courseId, String query, boolean fresh) {
        return search.search(new SearchService.Request(query, courseId, RankingMetrics.K, 0), fresh).hits().stream()
                .map(h -> h.external() ? h.reference().url() : h.path()).toList();
    }

    private static Latency time(SearchService search, String courseId, List<JudgedQuery> queries, int rounds) {
        for (JudgedQuery q : queries) {
            paths(search, courseId, q.query()); // warm-up
        }
        List<Double> millis = new ArrayList<>();
        Map<String, List<Double>> perQuery = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (JudgedQuery q : queries) {
                long start = System.nanoTime();
                paths(search, courseId, q.query(), true);
                double ms = (System.nanoTime() - start) / 1e6;
                millis.add(ms);
                perQuery.computeIfAbsent(q.query(), k -> new ArrayList<>()).add(ms);
            }
        }
        Collections.sort(millis);
        if (millis.isEmpty()) {
            return new Latency(0, 0, 0, Map.of());
        }
        Map<String, Double> slowest = new LinkedHashMap<>();
        perQuery.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), percentile(e.getValue().stream().sorted().toList(), 0.5)))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(3)
                .forEach(e -> slowest.put(e.getKey(), e.getValue()));
        return new Latency(millis.size(), percentile(millis, 0.5), percentile(millis, 0.99), slowest);
    }

    private static double percentile(List<Double> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}

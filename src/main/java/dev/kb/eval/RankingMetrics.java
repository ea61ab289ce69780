package dev.kb.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * MRR@10, Recall@10 and nDCG@10 of a ranker over judged queries. nDCG grades the first listed document 2 and
 * the other relevant ones 1, with gain 2^grade − 1.
 */
public final class RankingMetrics {
    public static final int K = 10;

    private RankingMetrics() {
    }

    /** A query whose best answer was not ranked first, with what came instead. */
    public record Miss(String query, int rankOfFirstRelevant, List<String> expected, List<String> got) {
    }

    public record Scores(int queries, double mrr, double recall, double ndcg, List<Miss> misses) {
    }

    /** The configuration with the best MRR@10. */
    public static Map.Entry<String, Scores> best(Map<String, Scores> byName) {
        return byName.entrySet().stream().max(Map.Entry.comparingByValue(Comparator.comparingDouble(Scores::mrr)))
                .orElseThrow();
    }

    public static Scores score(List<JudgedQuery> judged, Function<String, List<String>> ranker) {
        double mrr = 0;
        double recall = 0;
        double ndcg = 0;
        List<Miss> misses = new ArrayList<>();
        for (JudgedQuery q : judged) {
            List<String> ranked = ranker.apply(q.query());
            List<String> top = ranked.subList(0, Math.min(K, ranked.size()));
            int first = firstRelevant(top, q.relevant());
            mrr += first == 0 ? 0 : 1.0 / first;
            Set<String> found = new HashSet<>(top);
            found.retainAll(q.relevant());
            recall += (double) found.size() / q.relevant().size();
            ndcg += ndcg(top, q.relevant());
            if (first != 1) {
                misses.add(new Miss(q.query(), first, q.relevant(), top));
            }
        }
        int n = Math.max(1, judged.size());
        return new Scores(judged.size(), mrr / n, recall / n, ndcg / n, misses);
    }

    private static int firstRelevant(List<String> top, List<String> relevant) {
        for (int i = 0; i < top.size(); i++) {
            if (relevant.contains(top.get(i))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static double ndcg(List<String> top, List<String> relevant) {
        double dcg = 0;
        for (int i = 0; i < top.size(); i++) {
            dcg += gain(grade(top.get(i), relevant)) / log2(i + 2);
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(K, relevant.size()); i++) {
            ideal += gain(i == 0 ? 2 : 1) / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static int grade(String path, List<String> relevant) {
        int index = relevant.indexOf(path);
        return index < 0 ? 0 : index == 0 ? 2 : 1;
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

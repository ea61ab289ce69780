package dev.kb.eval;

import dev.kb.app.Kb;
import dev.kb.common.IndexConfig;
import dev.kb.config.Config;
import dev.kb.search.PassageService;
import dev.kb.search.Ranking;
import dev.kb.search.SearchService;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Chooses ranking constants the way issue 15 asks: on every course of eval/courses.tsv together, and reports
 * leave-one-course-out (the best configuration on the other courses, scored on the one left out). Not a test of
 * kb: run it by hand with a grid of ranking.properties values, e.g.
 * {@code mvn -o test -Dtest=RankingTuning -Dkb.tune='coverage.exponent=0.5,1,2;function-word.weight=0,0.1,0.3'}.
 * The objective per course is the mean of keyword MRR@10, keyword Recall@10, question MRR@10 and the share of
 * questions whose top 5 passages cite a relevant document.
 */
@EnabledIfSystemProperty(named = "kb.tune", matches = ".+")
class RankingTuning {

    private record Figures(double keywordMrr, double keywordRecall, double questionMrr, double cited, double millis) {
        double objective() {
            return (keywordMrr + keywordRecall + questionMrr + cited) / 4;
        }
    }

    @Test
    void grid() throws Exception {
        EvalManifest manifest = EvalManifest.read(Path.of("eval/courses.tsv"));
        List<Map<String, String>> grid = grid(System.getProperty("kb.tune"));
        Map<String, Kb> open = new LinkedHashMap<>();
        try {
            for (EvalManifest.Course course : manifest.courses()) {
                if (course.present()) {
                    Kb kb = Kb.open(new Config(0, Files.createTempDirectory("kb-tune-"),
                            TestDatabases.fresh(TestDatabases.Target.EMBEDDED)));
                    kb.index(course.id(), course.directory());
                    open.put(course.id(), kb);
                }
            }
            List<Map<String, Figures>> results = new ArrayList<>();
            for (Map<String, String> overrides : grid) {
                Properties p = IndexConfig.properties("ranking.properties");
                overrides.forEach(p::setProperty);
                Ranking ranking = Ranking.from(p);
                Map<String, Figures> perCourse = new LinkedHashMap<>();
                for (EvalManifest.Course course : manifest.courses()) {
                    Kb kb = open.get(course.id());
                    if (kb != null) {
                        perCourse.put(course.id(), measure(kb, ranking, course));
                    }
                }
                results.add(perCourse);
                StringBuilder line = new StringBuilder(String.format("%-60s", overrides));
                perCourse.forEach((id, f) -> line.append(String.format("  %s kw %.3f/%.3f q %.3f cited %.2f %.1fms",
                        id.substring(0, 5), f.keywordMrr(), f.keywordRecall(), f.questionMrr(), f.cited(), f.millis())));
                line.append(String.format("  mean %.4f", perCourse.values().stream()
                        .mapToDouble(Figures::objective).average().orElse(0)));
                System.out.println(line);
            }
            for (String heldOut : open.keySet()) {
                int best = bestWithout(results, heldOut, Figures::objective);
                System.out.printf("leave out %s: chosen on the others %s; held-out objective %.4f %s%n", heldOut,
                        grid.get(best), results.get(best).get(heldOut).objective(), results.get(best).get(heldOut));
            }
        } finally {
            open.values().forEach(Kb::close);
        }
    }

    /**
     * How well a best passage's score tells an answer from none: each course asked its own questions (scores of
     * those whose top 5 cite a relevant document) and the other courses' questions, which it cannot answer.
     * {@code mvn -o test -Dtest=RankingTuning#calibrate -Dkb.tune=x}
     */
    @Test
    void calibrate() throws Exception {
        EvalManifest manifest = EvalManifest.read(Path.of("eval/courses.tsv"));
        Map<String, List<JudgedQuery>> questions = new LinkedHashMap<>();
        for (EvalManifest.Course c : manifest.courses()) {
            if (c.present()) {
                questions.put(c.id(), JudgedQuery.read(c.files().get(EvalManifest.Judged.QUESTIONS).path()));
            }
        }
        List<Float> answered = new ArrayList<>();
        List<Float> foreign = new ArrayList<>();
        for (EvalManifest.Course course : manifest.courses()) {
            if (!course.present()) {
                continue;
            }
            try (Kb kb = Kb.open(new Config(0, Files.createTempDirectory("kb-calibrate-"),
                    TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
                kb.index(course.id(), course.directory());
                PassageService passages = kb.services().passages();
                questions.forEach((id, qs) -> {
                    for (JudgedQuery q : qs) {
                        List<dev.kb.search.Passages.Passage> top = passages.passages(new PassageService.Request(
                                q.query(), course.id(), 5, PassageService.MAX_CHARS)).passages();
                        float best = top.isEmpty() ? 0 : top.get(0).score();
                        if (!id.equals(course.id())) {
                            foreign.add(best);
                        } else if (top.stream().anyMatch(p -> q.relevant().contains(p.citation().path()))) {
                            answered.add(best);
                        }
                    }
                });
            }
        }
        answered.sort(Float::compare);
        foreign.sort(Float::compare);
        System.out.println("answered (own questions, relevant in top 5): " + answered);
        System.out.println("unanswerable (other courses' questions):     " + foreign);
        for (float t = 0.1f; t < 1.0f; t += 0.05f) {
            float threshold = t;
            long keep = answered.stream().filter(x -> x >= threshold).count();
            long reject = foreign.stream().filter(x -> x < threshold).count();
            System.out.printf("threshold %.2f: %d of %d answers kept, %d of %d non-answers refused%n", t, keep,
                    answered.size(), reject, foreign.size());
        }
    }

    private static Figures measure(Kb kb, Ranking ranking, EvalManifest.Course course) throws Exception {
        SearchService search = new SearchService(kb.searchIndex(), kb.settings().search().withRanking(ranking));
        PassageService passages = new PassageService(kb.searchIndex(), dev.kb.common.PublicUrl.NONE,
                kb.settings().search().withRanking(ranking));
        List<JudgedQuery> keywords = JudgedQuery.read(course.files().get(EvalManifest.Judged.QUERIES).path());
        List<JudgedQuery> questions = JudgedQuery.read(course.files().get(EvalManifest.Judged.QUESTIONS).path());
        long start = System.nanoTime();
        RankingMetrics.Scores k = RankingMetrics.score(keywords, q -> paths(search, course.id(), q));
        RankingMetrics.Scores q = RankingMetrics.score(questions, x -> paths(search, course.id(), x));
        double millis = (System.nanoTime() - start) / 1e6 / (keywords.size() + questions.size());
        PassageEvaluation.Report p = PassageEvaluation.run(passages, course.id(), questions);
        return new Figures(k.mrr(), k.recall(), q.mrr(), (double) p.cited() / p.questions(), millis);
    }

    private static List<String> paths(SearchService search, String course, String query) {
        return search.search(new SearchService.Request(query, course, RankingMetrics.K, 0), true).hits().stream()
                .map(h -> h.path() == null ? "" : h.path()).toList();
    }

    /** The configuration (index into {@code results}) with the best mean objective over every course but one. */
    static <F> int bestWithout(List<Map<String, F>> results, String heldOut,
                               java.util.function.ToDoubleFunction<F> objective) {
        int best = 0;
        double bestScore = -1;
        for (int i = 0; i < results.size(); i++) {
            double score = results.get(i).entrySet().stream().filter(e -> !e.getKey().equals(heldOut))
                    .mapToDouble(e -> objective.applyAsDouble(e.getValue())).average().orElse(0);
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    /** "a=1,2;b=3" → every combination: {a=1,b=3}, {a=2,b=3}. */
    static List<Map<String, String>> grid(String spec) {
        List<Map<String, String>> grid = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String axis : spec.split(";")) {
            String[] kv = axis.split("=", 2);
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> g : grid) {
                for (String value : kv[1].split(",")) {
                    Map<String, String> m = new LinkedHashMap<>(g);
                    m.put(kv[0].strip(), value.strip());
                    next.add(m);
                }
            }
            grid = next;
        }
        return grid;
    }
}

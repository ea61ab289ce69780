package dev.kb.eval;

import dev.kb.app.Kb;
import dev.kb.common.IndexConfig;
import dev.kb.config.Config;
import dev.kb.course.AgendaView;
import dev.kb.search.GapSuggester;
import dev.kb.search.SearchSettings;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Chooses the gap suggester's constants on every course of eval/courses.tsv together, like {@link RankingTuning}:
 * the delink test of {@code kb eval} (3 seeds of 25 items per course) for each configuration of a grid, the
 * confidence of the right document and of the best wrong one, and leave-one-course-out. Not a test of kb: run it
 * by hand, e.g. {@code mvn -o test -Dtest=GapTuning -Dkb.gaptune='gaps.min-confidence=0.2,0.3'} ({@code x} for the
 * shipped values only); {@code -Dkb.gaptune.dir=DIR} keeps the indexed courses between runs.
 */
@EnabledIfSystemProperty(named = "kb.gaptune", matches = ".+")
class GapTuning {

    private record Figures(double mrr, double recall, List<Double> right, List<Double> bestWrong,
                           List<RankingMetrics.Miss> misses) {
        double objective() {
            return (mrr + recall) / 2;
        }
    }

    private record Delinked(String copyId, List<DelinkEvaluation.Item> items, Map<String, List<String>> context) {
    }

    @Test
    void grid() throws Exception {
        EvalManifest manifest = EvalManifest.read(Path.of("eval/courses.tsv"));
        String spec = System.getProperty("kb.gaptune");
        List<Map<String, String>> grid = spec.contains("=") ? RankingTuning.grid(spec) : List.of(Map.of());
        Path root = Path.of(System.getProperty("kb.gaptune.dir", Files.createTempDirectory("kb-gaptune-").toString()));
        Map<String, Kb> open = new LinkedHashMap<>();
        Map<String, List<Delinked>> delinked = new LinkedHashMap<>();
        try {
            for (EvalManifest.Course course : manifest.courses()) {
                if (!course.present()) {
                    continue;
                }
                Path dir = root.resolve(course.id());
                Files.createDirectories(dir);
                Kb kb = Kb.open(new Config(0, dir, new Config.DatabaseSettings(null, null, null)));
                open.put(course.id(), kb);
                // -Dkb.gaptune.full=true: the graph is inferred again even when the course did not change (the code
                // did); otherwise an unchanged course is not indexed again.
                kb.index(course.id(), course.directory(), Boolean.getBoolean("kb.gaptune.full"),
                        dev.kb.ingest.IndexProgress.NONE);
                EvalManifest.JudgedFile pairs = course.files().get(EvalManifest.Judged.PREREQUISITES);
                if (pairs != null) {
                    PrerequisiteEvaluation.Report r = PrerequisiteEvaluation.run(kb.services().graph(), course.id(),
                            JudgedPairs.read(pairs.path()));
                    System.out.printf("%s prerequisites: %d of %d held, %d violated%n", course.id(), r.positivesHeld(),
                            r.positives(), r.violated().size());
                    r.missed().forEach(p -> System.out.println("  missed:   " + p.before() + " before " + p.after()));
                    dev.kb.graph.GraphView g = kb.services().graph().course(course.id(), null, false, true);
                    for (JudgedPairs.Pair p : r.missed()) {
                        for (String end : List.of(p.before(), p.after())) {
                            String id = dev.kb.model.TopicIds.of(course.id(), end);
                            g.edges().stream().filter(e -> !e.kind().equals("implied") && (e.from().equals(id)
                                    || e.to().equals(id))).forEach(e -> System.out.println("    edge " + e.evidence()));
                            g.dropped().stream().filter(e -> e.from().equals(id) || e.to().equals(id))
                                    .forEach(e -> System.out.println("    dropped " + e.evidence() + " / " + e.reason()));
                        }
                    }
                    r.violated().forEach(p -> System.out.println("  violated: " + p.before() + " before " + p.after()));
                }
                if (Boolean.getBoolean("kb.gaptune.paths")) {
                    // The longest learning path, step by step: is each step something the goal needs?
                    dev.kb.graph.GraphService graphs = kb.services().graph();
                    graphs.course(course.id(), null, false, false).nodes().stream()
                            .map(n -> graphs.learningPath(n.id()))
                            .max(java.util.Comparator.comparingInt(lp -> lp.steps().size()))
                            .ifPresent(lp -> lp.steps().forEach(st -> System.out.println("    step " + st.path() + " "
                                    + st.because().stream().map(Object::toString).toList())));
                }
                delinked.put(course.id(), delink(kb, course, dir.resolve("delink")));
            }
            List<Map<String, Figures>> results = new ArrayList<>();
            for (Map<String, String> overrides : grid) {
                Properties p = IndexConfig.properties("ranking.properties");
                overrides.forEach(p::setProperty);
                Map<String, Figures> perCourse = new LinkedHashMap<>();
                open.forEach((id, kb) -> {
                    SearchSettings s = kb.settings().search();
                    SearchSettings tuned = s.withGaps(IndexConfig.number(p, "gaps.min-confidence"),
                            IndexConfig.number(p, "gaps.in-agenda-factor"), IndexConfig.number(p, "gaps.title-weight"),
                            IndexConfig.number(p, "gaps.module-folder-weight"));
                    perCourse.put(id, measure(new GapSuggester(kb.searchIndex(), tuned), delinked.get(id)));
                });
                results.add(perCourse);
                StringBuilder line = new StringBuilder(String.format("%-50s", overrides));
                perCourse.forEach((id, f) -> line.append(String.format(
                        "  %s mrr %.3f rec %.3f right p10 %.2f med %.2f wrong med %.2f p90 %.2f", id.substring(0, 5),
                        f.mrr(), f.recall(), DelinkEvaluation.quantile(f.right(), 0.1),
                        DelinkEvaluation.quantile(f.right(), 0.5), DelinkEvaluation.quantile(f.bestWrong(), 0.5),
                        DelinkEvaluation.quantile(f.bestWrong(), 0.9))));
                line.append(String.format("  mean %.4f", perCourse.values().stream()
                        .mapToDouble(Figures::objective).average().orElse(0)));
                System.out.println(line);
            }
            if (Boolean.getBoolean("kb.gaptune.misses")) {
                results.get(results.size() - 1).forEach((id, f) -> f.misses().forEach(m -> System.out.printf("  %s miss %s: rank %d, got %s%n",
                        id.substring(0, 5), m.query(), m.rankOfFirstRelevant(), m.got().subList(0, Math.min(4, m.got().size())))));
            }
            covered(results.get(results.size() - 1));
            for (String heldOut : open.keySet()) {
                int best = RankingTuning.bestWithout(results, heldOut, Figures::objective);
                Figures f = results.get(best).get(heldOut);
                System.out.printf("leave out %s: chosen on the others %s; held-out mrr %.3f recall %.3f%n", heldOut,
                        grid.get(best), f.mrr(), f.recall());
            }
        } finally {
            open.values().forEach(Kb::close);
        }
    }

    /**
     * The covered confidence ({@code gaps.covered-confidence}) on the confidences of the last configuration: per
     * threshold and course the share of right documents reaching it and of best wrong ones, and the threshold
     * leave-one-course-out chooses (most right ones minus wrong ones on the other courses).
     */
    private static void covered(Map<String, Figures> perCourse) {
        List<Double> thresholds = new ArrayList<>();
        for (int i = 6; i <= 16; i++) {
            thresholds.add(i * 0.05);
        }
        java.util.function.BiFunction<Figures, Double, Double> separation = (f, t) ->
                DelinkEvaluation.reaching(f.right(), t) - DelinkEvaluation.reaching(f.bestWrong(), t);
        for (double t : thresholds) {
            StringBuilder line = new StringBuilder(String.format("covered at %.2f:", t));
            perCourse.forEach((id, f) -> line.append(String.format("  %s right %.3f best wrong %.3f", id.substring(0, 5),
                    DelinkEvaluation.reaching(f.right(), t), DelinkEvaluation.reaching(f.bestWrong(), t))));
            System.out.println(line);
        }
        for (String heldOut : perCourse.keySet()) {
            double best = thresholds.stream().max(java.util.Comparator.comparingDouble(t -> perCourse.entrySet().stream()
                    .filter(e -> !e.getKey().equals(heldOut)).mapToDouble(e -> separation.apply(e.getValue(), t)).sum()))
                    .orElseThrow();
            Figures f = perCourse.get(heldOut);
            System.out.printf("covered, leave out %s: chosen on the others %.2f; held-out right %.3f best wrong %.3f%n",
                    heldOut, best, DelinkEvaluation.reaching(f.right(), best), DelinkEvaluation.reaching(f.bestWrong(), best));
        }
    }

    /** The delinked copies of the course, indexed, as {@link DelinkEvaluation#run} makes them. */
    private static List<Delinked> delink(Kb kb, EvalManifest.Course course, Path workDir) throws Exception {
        Path dir = course.directory();
        String readme = Files.readString(dir.resolve("README.md"));
        List<AgendaView.Item> agenda = kb.services().courses().agenda(course.id()).sections().stream()
                .flatMap(s -> s.modules().stream()).flatMap(m -> m.items().stream()).toList();
        java.util.Set<String> handouts = kb.services().courses().handoutPaths(course.id());
        List<DelinkEvaluation.Item> eligible = DelinkEvaluation.eligible(agenda, readme,
                p -> !handouts.contains(p) && Files.isRegularFile(dir.resolve(p), LinkOption.NOFOLLOW_LINKS));
        List<Delinked> result = new ArrayList<>();
        for (long seed : DelinkEvaluation.SEEDS) {
            List<DelinkEvaluation.Item> chosen = DelinkEvaluation.choose(eligible, seed, DelinkEvaluation.ITEMS);
            String copyId = course.id() + "-delink-" + seed;
            Path copy = workDir.resolve("seed-" + seed);
            DelinkEvaluation.copyCourse(dir, copy);
            Files.writeString(copy.resolve("README.md"), DelinkEvaluation.delink(readme, chosen));
            kb.index(copyId, copy);
            result.add(new Delinked(copyId, chosen,
                    DelinkEvaluation.neighbours(kb.services().courses().agenda(copyId))));
        }
        return result;
    }

    private static Figures measure(GapSuggester gaps, List<Delinked> delinked) {
        List<JudgedQuery> judged = new ArrayList<>();
        Map<String, List<GapSuggester.Suggestion>> suggested = new LinkedHashMap<>();
        for (Delinked d : delinked) {
            for (DelinkEvaluation.Item i : d.items()) {
                String key = d.copyId() + "\u0000" + i.title();
                suggested.put(key, gaps.suggest(i.title(), d.context().getOrDefault(i.title(), List.of()), d.copyId(),
                        RankingMetrics.K));
                judged.add(new JudgedQuery(key, List.of(i.path())));
            }
        }
        DelinkEvaluation.Confidences confidences = DelinkEvaluation.confidences(judged, suggested);
        List<Double> right = confidences.right();
        List<Double> bestWrong = confidences.bestWrong();
        RankingMetrics.Scores scores = RankingMetrics.score(judged,
                key -> suggested.get(key).stream().map(GapSuggester.Suggestion::path).toList());
        List<RankingMetrics.Miss> misses = new ArrayList<>();
        for (RankingMetrics.Miss m : scores.misses()) {
            List<String> got = new ArrayList<>();
            for (GapSuggester.Suggestion s : suggested.get(m.query())) {
                got.add(s.path() + " " + s.confidence());
            }
            misses.add(new RankingMetrics.Miss(m.query().substring(m.query().indexOf('\u0000') + 1) + " [want "
                    + m.expected() + " " + right.get(judged.stream().map(JudgedQuery::query).toList().indexOf(m.query()))
                    + "]", m.rankOfFirstRelevant(), m.expected(), got));
        }
        return new Figures(scores.mrr(), scores.recall(), right, bestWrong, misses);
    }
}

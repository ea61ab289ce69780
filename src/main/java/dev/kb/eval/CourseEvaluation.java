package dev.kb.eval;

import dev.kb.app.Kb;
import dev.kb.store.FullTextBaseline;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code kb eval} measures on one indexed course, from the judged files the manifest names: search
 * and passages on keyword queries and on questions (next to PostgreSQL full-text search), the prerequisite graph,
 * and the coverage report's gap suggestions. {@link #figures()} names each figure the way the regression table
 * does.
 */
public record CourseEvaluation(EvalManifest.Course course, Map<EvalManifest.Judged, SearchEvaluation.Report> search,
                               Map<EvalManifest.Judged, PassageEvaluation.Report> passages,
                               PrerequisiteEvaluation.Report prerequisites, GapEvaluation.Report gaps,
                               DelinkEvaluation.Report delink, PathLengths.Report paths,
                               int handouts, int unlinkedItems) {

    /** Reads the judged files and measures; the course must be indexed under its id already. */
    public static CourseEvaluation run(Kb kb, EvalManifest.Course course, int rounds, java.nio.file.Path workDir)
            throws IOException {
        Kb.Services services = kb.services();
        FullTextBaseline baseline = kb.baseline();
        Set<String> handouts = kb.services().courses().handoutPaths(course.id());
        Map<EvalManifest.Judged, SearchEvaluation.Report> search = new EnumMap<>(EvalManifest.Judged.class);
        Map<EvalManifest.Judged, PassageEvaluation.Report> passages = new EnumMap<>(EvalManifest.Judged.class);
        for (EvalManifest.Judged kind : List.of(EvalManifest.Judged.QUERIES, EvalManifest.Judged.QUESTIONS)) {
            EvalManifest.JudgedFile file = course.files().get(kind);
            if (file != null) {
                List<JudgedQuery> judged = JudgedQuery.read(file.path());
                search.put(kind, SearchEvaluation.run(services.search(), baseline, course.id(), judged, handouts, rounds));
                passages.put(kind, PassageEvaluation.run(services.passages(), course.id(), judged));
            }
        }
        EvalManifest.JudgedFile pairs = course.files().get(EvalManifest.Judged.PREREQUISITES);
        PrerequisiteEvaluation.Report prerequisites = pairs == null ? null
                : PrerequisiteEvaluation.run(services.graph(), course.id(), JudgedPairs.read(pairs.path()));
        EvalManifest.JudgedFile items = course.files().get(EvalManifest.Judged.GAPS);
        GapEvaluation.Report gaps = items == null ? null
                : GapEvaluation.run(services.gaps(), baseline, course.id(), JudgedQuery.read(items.path()), handouts);
        int unlinked = services.coverage().report(course.id()).summary().unlinked();
        PathLengths.Report paths = PathLengths.run(services.graph(), course.id());
        DelinkEvaluation.Report delink = DelinkEvaluation.run(kb, course.id(), course.directory(),
                workDir.resolve("delink"), DelinkEvaluation.SEEDS, DelinkEvaluation.ITEMS);
        return new CourseEvaluation(course, Collections.unmodifiableMap(search), Collections.unmodifiableMap(passages),
                prerequisites, gaps, delink, paths,
                handouts.size(), unlinked);
    }

    static String key(String judged, String measure) {
        return judged + " " + measure;
    }

    /** Every figure, keyed {@code "judged measure"} as in the regression table. */
    public Map<String, Double> figures() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put(key("course", "handouts"), (double) handouts);
        f.put(key("course", "agenda.unlinked-items"), (double) unlinkedItems);
        search.forEach((kind, r) -> {
            String j = kind.label();
            scores(f, j, "kb", r.kb());
            scores(f, j, "postgres", r.bestPostgres().getValue());
            f.put(key(j, "kb-over-postgres.mrr@10"), r.kb().mrr() - r.bestPostgres().getValue().mrr());
            f.put(key(j, "kb-over-postgres.recall@10"), r.kb().recall() - r.bestPostgres().getValue().recall());
            PassageEvaluation.Report p = passages.get(kind);
            f.put(key(j, "passages.cited"), (double) p.cited());
            f.put(key(j, "passages.mrr@5"), p.mrr());
        });
        if (prerequisites != null) {
            f.put(key("prerequisites", "pairs.held"), (double) prerequisites.positivesHeld());
            f.put(key("prerequisites", "pairs.missed"), (double) prerequisites.missed().size());
            f.put(key("prerequisites", "pairs.violated"), (double) prerequisites.violated().size());
            f.put(key("prerequisites", "direct-per-topic"), prerequisites.averageDirect());
            f.put(key("prerequisites", "edges.dropped"), (double) prerequisites.dropped());
        }
        if (paths != null) {
            f.put(key("prerequisites", "path-length.median"), paths.median());
            f.put(key("prerequisites", "path-length.p90"), paths.p90());
            f.put(key("prerequisites", "path-length.max"), (double) paths.max());
        }
        if (delink != null) {
            f.put(key("delink", "items"), (double) delink.scores().queries());
            f.put(key("delink", "kb.mrr@10"), delink.scores().mrr());
            f.put(key("delink", "kb.recall@10"), delink.scores().recall());
            f.put(key("delink", "kb.mrr@10.worst-seed"), delink.perSeedMrr().stream().mapToDouble(x -> x).min().orElse(0));
            f.put(key("delink", "confidence.right.p10"), DelinkEvaluation.quantile(delink.right(), 0.1));
            f.put(key("delink", "confidence.right.median"), DelinkEvaluation.quantile(delink.right(), 0.5));
            f.put(key("delink", "confidence.best-wrong.median"), DelinkEvaluation.quantile(delink.bestWrong(), 0.5));
            f.put(key("delink", "confidence.best-wrong.p90"), DelinkEvaluation.quantile(delink.bestWrong(), 0.9));
            f.put(key("delink", "covered.right"), delink.rightCovered());
            f.put(key("delink", "covered.best-wrong"), delink.bestWrongCovered());
        }
        if (gaps != null) {
            f.put(key("gaps", "items"), (double) gaps.items());
            if (gaps.items() > 0) {
                scores(f, "gaps", "kb", gaps.kb());
                scores(f, "gaps", "postgres", gaps.bestPostgres().getValue());
                f.put(key("gaps", "kb-over-postgres.mrr@10"), gaps.kb().mrr() - gaps.bestPostgres().getValue().mrr());
            }
        }
        return f;
    }

    private static void scores(Map<String, Double> f, String judged, String system, RankingMetrics.Scores s) {
        f.put(key(judged, system + ".mrr@10"), s.mrr());
        f.put(key(judged, system + ".recall@10"), s.recall());
        f.put(key(judged, system + ".ndcg@10"), s.ndcg());
    }
}

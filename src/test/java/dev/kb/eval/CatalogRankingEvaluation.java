package dev.kb.eval;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.search.SearchHit;
import dev.kb.search.SearchService;
import dev.kb.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The dev courses of eval/courses.tsv in one index, as a catalog serves them: each course's judged keyword queries
 * and questions searched in that course ({@code course=}) and over every course (the default), a hit from another
 * course counting as not relevant. Not a test of kb: run it by hand,
 * {@code mvn -o test -Dtest=CatalogRankingEvaluation -Dkb.catalog-eval=true}.
 */
@EnabledIfSystemProperty(named = "kb.catalog-eval", matches = "true")
class CatalogRankingEvaluation {

    @Test
    void every_course_in_one_index() throws Exception {
        EvalManifest manifest = EvalManifest.read(Path.of("eval/courses.tsv"));
        try (Kb kb = Kb.open(new Config(0, Files.createTempDirectory("kb-catalog-eval-"),
                TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
            for (EvalManifest.Course course : manifest.courses()) {
                if (course.present()) {
                    kb.index(course.id(), course.directory());
                }
            }
            SearchService search = kb.services().search();
            for (EvalManifest.Course course : manifest.courses()) {
                if (!course.present()) {
                    continue;
                }
                for (EvalManifest.Judged kind : List.of(EvalManifest.Judged.QUERIES, EvalManifest.Judged.QUESTIONS)) {
                    List<JudgedQuery> judged = JudgedQuery.read(course.files().get(kind).path());
                    RankingMetrics.Scores in = RankingMetrics.score(judged, q -> paths(search, course.id(), q, true));
                    RankingMetrics.Scores all = RankingMetrics.score(judged, q -> paths(search, course.id(), q, false));
                    double own = judged.stream().mapToDouble(q -> ownShare(search, course.id(), q.query())).average()
                            .orElse(0);
                    System.out.printf("CATALOG %-18s %-9s in course MRR@10 %.3f R@10 %.3f | all courses MRR@10 %.3f "
                            + "R@10 %.3f, top 10 from the course itself %.2f%n", course.id(), kind.label(), in.mrr(),
                            in.recall(), all.mrr(), all.recall(), own);
                }
            }
        }
    }

    /** The hits' paths; another course's hit is marked so that it matches no judged path. */
    private static List<String> paths(SearchService search, String course, String q, boolean inCourse) {
        return search.search(new SearchService.Request(q, inCourse ? course : null, RankingMetrics.K, 0), true).hits()
                .stream().map(h -> course.equals(h.course()) ? h.path() : "other:" + h.course() + "/" + h.path())
                .toList();
    }

    private static double ownShare(SearchService search, String course, String q) {
        List<SearchHit> hits = search.search(new SearchService.Request(q, null, RankingMetrics.K, 0), true).hits();
        return hits.isEmpty() ? 0 : (double) hits.stream().filter(h -> course.equals(h.course())).count() / hits.size();
    }
}

package dev.kb.search;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.eval.EvalManifest;
import dev.kb.eval.JudgedQuery;
import dev.kb.eval.RankingMetrics;
import dev.kb.testing.TestDatabases;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what an in-process embedding model would add (issue 15's semantic signal) before anything is built on
 * it: dense retrieval over the passages (title, heading and text, best passage per topic), kb alone, and fusions.
 * Run by hand: {@code mvn -o test -Dtest=SemanticProbe -Dkb.probe=true}.
 */
@EnabledIfSystemProperty(named = "kb.probe", matches = ".+")
class SemanticProbe {

    @Test
    void probe() throws Exception {
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        EvalManifest manifest = EvalManifest.read(Path.of("eval/courses.tsv"));
        for (EvalManifest.Course course : manifest.courses()) {
            if (!course.present()) {
                continue;
            }
            try (Kb kb = Kb.open(new Config(0, Files.createTempDirectory("kb-probe-"),
                    TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
                kb.index(course.id(), course.directory());
                List<String> paths = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
                long start = System.nanoTime();
                kb.searchIndex().withSearcher(searcher -> {
                    BooleanQuery q = new BooleanQuery.Builder()
                            .add(new TermQuery(new Term(IndexFields.TYPE, IndexFields.TYPE_PASSAGE)), BooleanClause.Occur.FILTER)
                            .add(new TermQuery(new Term(IndexFields.COURSE, course.id())), BooleanClause.Occur.FILTER).build();
                    List<TextSegment> texts = new ArrayList<>();
                    for (ScoreDoc sd : searcher.search(q, 100_000).scoreDocs) {
                        Document d = searcher.storedFields().document(sd.doc);
                        paths.add(d.get(IndexFields.PATH));
                        texts.add(TextSegment.from(d.get(IndexFields.TITLE) + "\n" + d.get(IndexFields.HEADING) + "\n"
                                + d.get(IndexFields.PASSAGE_TEXT)));
                    }
                    for (int i = 0; i < texts.size(); i += 64) {
                        model.embedAll(texts.subList(i, Math.min(texts.size(), i + 64))).content()
                                .forEach(e -> vectors.add(e.vector()));
                    }
                    return null;
                });
                System.out.printf("%s: %d passages embedded in %.1f s%n", course.id(), vectors.size(),
                        (System.nanoTime() - start) / 1e9);
                SearchService search = kb.services().search();
                for (EvalManifest.Judged kind : List.of(EvalManifest.Judged.QUERIES, EvalManifest.Judged.QUESTIONS)) {
                    List<JudgedQuery> judged = JudgedQuery.read(course.files().get(kind).path());
                    Map<String, List<String>> dense = new HashMap<>();
                    Map<String, List<String>> lexical = new HashMap<>();
                    for (JudgedQuery jq : judged) {
                        float[] v = model.embed(jq.query()).content().vector();
                        Map<String, Double> best = new HashMap<>();
                        for (int i = 0; i < vectors.size(); i++) {
                            best.merge(paths.get(i), dot(v, vectors.get(i)), Math::max);
                        }
                        dense.put(jq.query(), best.entrySet().stream()
                                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                                .map(Map.Entry::getKey).limit(50).toList());
                        lexical.put(jq.query(), search.search(new SearchService.Request(jq.query(), course.id(), 50, 0))
                                .hits().stream().map(h -> h.path() == null ? "" : h.path()).toList());
                    }
                    report(course.id() + " " + kind.label() + " kb", judged, lexical::get);
                    report(course.id() + " " + kind.label() + " dense", judged, dense::get);
                    for (int k : new int[] {10, 30, 60}) {
                        for (double w : new double[] {0.5, 1.0}) {
                            report(course.id() + " " + kind.label() + " rrf k=" + k + " dense×" + w, judged,
                                    q -> rrf(lexical.get(q), dense.get(q), k, w));
                        }
                    }
                }
            }
        }
    }

    private static void report(String name, List<JudgedQuery> judged, java.util.function.Function<String, List<String>> ranker) {
        RankingMetrics.Scores s = RankingMetrics.score(judged, ranker);
        System.out.printf("  %-52s MRR %.3f Recall %.3f%n", name, s.mrr(), s.recall());
    }

    private static List<String> rrf(List<String> a, List<String> b, int k, double wb) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) {
            score.merge(a.get(i), 1.0 / (k + i + 1), Double::sum);
        }
        for (int i = 0; i < b.size(); i++) {
            score.merge(b.get(i), wb / (k + i + 1), Double::sum);
        }
        return score.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "kb.probe", matches = ".+")
/**
 * Measured before the semantic signal was built on it (issue 15), and kept to measure it again: dense retrieval over
 * the passages (title, heading and text; best passage per topic), kb alone, reciprocal-rank and score fusions, with
 * and without the English terms of a German question appended, per language. Run by hand:
 * {@code mvn -o test -Dtest=SemanticProbe -Dkb.probe=true}; docs/benchmarks.md "Searching by meaning" has its figures.
 */
class SemanticProbe {
    static final Set<String> DE = Set.of("ich", "wie", "was", "warum", "welche", "welcher", "der", "die", "das", "ein",
            "eine", "einen", "und", "kann", "wird", "mit", "nicht", "auf", "bei", "wo", "wann");

    record Ranked(List<String> paths, List<Double> scores) {}

    @Test
    void probe() throws Exception {
        EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
        Synonyms synonyms = Synonyms.configured();
        EvalManifest manifest = EvalManifest.read(Path.of("eval/courses.tsv"));
        Map<String, double[]> sums = new TreeMap<>();
        for (EvalManifest.Course course : manifest.courses()) {
            if (!course.present()) continue;
            try (Kb kb = Kb.open(new Config(0, Files.createTempDirectory("kb-probe-"),
                    TestDatabases.fresh(TestDatabases.Target.EMBEDDED)))) {
                kb.index(course.id(), course.directory());
                List<String> paths = new ArrayList<>();
                List<float[]> vectors = new ArrayList<>();
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
                SearchService search = kb.services().search();
                for (EvalManifest.Judged kind : List.of(EvalManifest.Judged.QUERIES, EvalManifest.Judged.QUESTIONS)) {
                    List<JudgedQuery> judged = JudgedQuery.read(course.files().get(kind).path());
                    Map<String, Ranked> lex = new HashMap<>();
                    Map<String, Ranked> dense = new HashMap<>();
                    Map<String, Ranked> denseTr = new HashMap<>();
                    for (JudgedQuery jq : judged) {
                        var hits = search.search(new SearchService.Request(jq.query(), course.id(), 50, 0)).hits();
                        lex.put(jq.query(), new Ranked(hits.stream().map(h -> h.path() == null ? "" : h.path()).toList(),
                                hits.stream().map(h -> (double) h.score()).toList()));
                        dense.put(jq.query(), dense(model, jq.query(), paths, vectors));
                        denseTr.put(jq.query(), dense(model, translated(synonyms, jq.query()), paths, vectors));
                    }
                    Map<String, Function<String, List<String>>> variants = new LinkedHashMap<>();
                    variants.put("kb", q -> lex.get(q).paths());
                    variants.put("dense", q -> dense.get(q).paths());
                    variants.put("denseTr", q -> denseTr.get(q).paths());
                    variants.put("rrf10 all", q -> rrf(lex.get(q).paths(), dense.get(q).paths(), 10, 1));
                    for (Map.Entry<String, Map<String, Ranked>> d : Map.of("d", dense, "dTr", denseTr).entrySet()) {
                        variants.put("rrf10 routed " + d.getKey(), q -> routed(q) ? rrf(lex.get(q).paths(), d.getValue().get(q).paths(), 10, 1) : lex.get(q).paths());
                        variants.put("rrf10w.5 routed " + d.getKey(), q -> routed(q) ? rrf(lex.get(q).paths(), d.getValue().get(q).paths(), 10, 0.5) : lex.get(q).paths());
                        for (double w : new double[] {0.5, 1, 2, 4}) {
                            variants.put("score w" + w + " routed " + d.getKey(), q -> routed(q) ? scoreFuse(lex.get(q), d.getValue().get(q), w, false) : lex.get(q).paths());
                            variants.put("rerank30 w" + w + " routed " + d.getKey(), q -> routed(q) ? scoreFuse(lex.get(q), d.getValue().get(q), w, true) : lex.get(q).paths());
                        }
                    }
                    for (var v : variants.entrySet()) {
                        RankingMetrics.Scores s = RankingMetrics.score(judged, v.getValue());
                        List<JudgedQuery> de = judged.stream().filter(j -> german(j.query())).toList();
                        List<JudgedQuery> en = judged.stream().filter(j -> !german(j.query())).toList();
                        double deM = de.isEmpty() ? Double.NaN : RankingMetrics.score(de, v.getValue()).mrr();
                        double enM = en.isEmpty() ? Double.NaN : RankingMetrics.score(en, v.getValue()).mrr();
                        System.out.printf("%-18s %-9s %-28s MRR %.3f Recall %.3f  de %.3f en %.3f%n", course.id(), kind.label(), v.getKey(), s.mrr(), s.recall(), deM, enM);
                        double[] acc = sums.computeIfAbsent(kind.label() + " " + v.getKey(), k -> new double[3]);
                        acc[0] += s.mrr(); acc[1] += s.recall(); acc[2]++;
                    }
                    if (kind == EvalManifest.Judged.QUESTIONS) {
                        for (JudgedQuery jq : judged) {
                            System.out.printf("question %s | kb %d dense %d denseTr %d | %s%n", course.id(), rank(lex.get(jq.query()).paths(), jq), rank(dense.get(jq.query()).paths(), jq), rank(denseTr.get(jq.query()).paths(), jq), jq.query());
                        }
                    }
                }
            }
        }
        sums.forEach((k, v) -> System.out.printf("MEAN %-45s MRR %.3f Recall %.3f%n", k, v[0] / v[2], v[1] / v[2]));
    }

    static int rank(List<String> ranked, JudgedQuery jq) {
        for (int i = 0; i < ranked.size(); i++) {
            String p = ranked.get(i);
            if (jq.relevant().stream().anyMatch(r -> p.equals(r) || p.endsWith("/" + r))) return i + 1;
        }
        return 0;
    }

    static boolean german(String q) {
        return Arrays.stream(q.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")).anyMatch(DE::contains);
    }

    static boolean routed(String q) {
        return q.trim().split("\\s+").length >= 5;
    }

    static String translated(Synonyms synonyms, String q) {
        List<String> words = Arrays.stream(q.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isBlank()).toList();
        StringBuilder extra = new StringBuilder();
        for (Synonyms.Match m : synonyms.find(words)) {
            for (String member : m.members()) {
                if (member.chars().allMatch(c -> c < 128)) extra.append(' ').append(member);
            }
        }
        return q + extra;
    }

    static Ranked dense(EmbeddingModel model, String q, List<String> paths, List<float[]> vectors) {
        float[] v = model.embed(q).content().vector();
        Map<String, Double> best = new HashMap<>();
        for (int i = 0; i < vectors.size(); i++) best.merge(paths.get(i), dot(v, vectors.get(i)), Math::max);
        List<Map.Entry<String, Double>> sorted = best.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(50).toList();
        return new Ranked(sorted.stream().map(Map.Entry::getKey).toList(), sorted.stream().map(Map.Entry::getValue).toList());
    }

    static List<String> scoreFuse(Ranked lex, Ranked dense, double w, boolean rerankOnly) {
        Map<String, Double> cos = new HashMap<>();
        for (int i = 0; i < dense.paths().size(); i++) cos.put(dense.paths().get(i), dense.scores().get(i));
        double floor = dense.scores().isEmpty() ? 0 : dense.scores().get(dense.scores().size() - 1);
        double max = lex.scores().isEmpty() ? 1 : lex.scores().get(0);
        Map<String, Double> s = new HashMap<>();
        int n = rerankOnly ? Math.min(30, lex.paths().size()) : lex.paths().size();
        for (int i = 0; i < n; i++) s.put(lex.paths().get(i), lex.scores().get(i) / max + w * cos.getOrDefault(lex.paths().get(i), floor));
        if (!rerankOnly) for (String p : dense.paths()) s.putIfAbsent(p, w * cos.get(p));
        return s.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    }

    static List<String> rrf(List<String> a, List<String> b, int k, double wb) {
        Map<String, Double> score = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) score.merge(a.get(i), 1.0 / (k + i + 1), Double::sum);
        for (int i = 0; i < b.size(); i++) score.merge(b.get(i), wb / (k + i + 1), Double::sum);
        return score.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}

package dev.kb.cli;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.eval.CourseEvaluation;
import dev.kb.eval.DelinkEvaluation;
import dev.kb.eval.EvalManifest;
import dev.kb.eval.PathLengths;
import dev.kb.eval.PassageEvaluation;
import dev.kb.eval.PrerequisiteEvaluation;
import dev.kb.eval.RankingMetrics;
import dev.kb.eval.RegressionTable;
import dev.kb.eval.SearchEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kb eval --manifest} and {@code --regressions}: every course of a manifest indexed alone (its own data
 * directory, so no course's words change another's ranking), scored on its judged files, printed as one table per
 * course and their mean; then, with a regression table, each row with today's figure.
 */
final class ManifestRun {
    private static final String ROW = "%-14s %-36s %7s %10s %8s %12s %7s%n";

    private final Config config;
    private final PrintWriter out;
    private final int rounds;
    private final boolean details;

    ManifestRun(Config config, PrintWriter out, int rounds, boolean details) {
        this.config = config;
        this.out = out;
        this.rounds = rounds;
        this.details = details;
    }

    /** @return the exit code: 1 when a row of the regression table does not hold */
    int run(Path manifestFile, Path regressionsFile) throws IOException {
        Path manifestPath = manifestFile != null ? manifestFile : regressionsFile.toAbsolutePath().resolveSibling("courses.tsv");
        EvalManifest manifest = read(manifestPath, EvalManifest::read);
        RegressionTable table = regressionsFile == null ? null : read(regressionsFile, RegressionTable::read);
        Map<String, CourseEvaluation> results = new LinkedHashMap<>();
        for (EvalManifest.Course course : manifest.courses()) {
            if (!course.present()) {
                out.printf("== %s: skipped, no course at %s%n%n", course.id(), course.directory());
                continue;
            }
            CourseEvaluation result = evaluate(course);
            results.put(course.id(), result);
            print(result);
        }
        printMean(results.values());
        return table == null ? 0 : printRegressions(table, results);
    }

    private interface Reader<T> {
        T read(Path file) throws IOException;
    }

    /** A file named on the command line or in the manifest: missing or malformed is one readable line. */
    private static <T> T read(Path file, Reader<T> reader) {
        try {
            return reader.read(file);
        } catch (NoSuchFileException e) {
            throw new CliFailure("no such file: " + file, e);
        } catch (IOException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    private CourseEvaluation evaluate(EvalManifest.Course course) throws IOException {
        Path dataDir = config.dataDir().resolve("eval").resolve(course.id());
        Files.createDirectories(dataDir);
        Config own = new Config(config.port(), dataDir, config.database(), config.http(), config.limits(), config.ingest(),
                config.mcp(), config.jobLease(), config.semantic());
        try (Kb kb = Kb.open(own)) {
            kb.index(course.id(), course.directory());
            return read(course.directory(), d -> CourseEvaluation.run(kb, course, rounds, dataDir));
        }
    }

    private void print(CourseEvaluation r) {
        out.printf("== %s: %s%n%n", r.course().id(), r.course().directory());
        out.printf(ROW, "judged", "system", "MRR@10", "Recall@10", "nDCG@10", "passages@5", "MRR@5");
        r.search().forEach((kind, s) -> {
            String judged = kind.label() + (r.course().files().get(kind).own() ? "*" : "");
            PassageEvaluation.Report p = r.passages().get(kind);
            scores(judged, "kb", s.kb(), p.cited() + " of " + p.questions(), String.format("%.3f", p.mrr()));
            scores(judged, "PostgreSQL FTS (" + s.bestPostgres().getKey() + ")", s.bestPostgres().getValue(), "", "");
            if (rounds > 0) {
                out.printf("%-14s kb search in-process: median %.2f ms, p99 %.2f ms%n", "",
                        s.latency().medianMillis(), s.latency().p99Millis());
            }
            if (details) {
                misses(s.kb().misses());
                p.missed().forEach(q -> out.printf("    no relevant passage: %s%n", q));
                out.printf("    best passage's score: %s when it cites a relevant document, %s when not%n",
                        p.citedTopScores().stream().sorted().map(x -> String.format("%.2f", x)).toList(),
                        p.missedTopScores().stream().sorted().map(x -> String.format("%.2f", x)).toList());
            }
        });
        if (r.gaps() != null && r.gaps().items() > 0) {
            scores("gaps", "kb (coverage report)", r.gaps().kb(), "", "");
            scores("gaps", "PostgreSQL FTS (" + r.gaps().bestPostgres().getKey() + "), OR",
                    r.gaps().bestPostgres().getValue(), "", "");
        } else if (r.gaps() != null) {
            out.printf("%-14s no judged items; the coverage report finds %d agenda items without a link%n", "gaps",
                    r.unlinkedItems());
        }
        DelinkEvaluation.Report d = r.delink();
        if (d != null) {
            scores("delinked", "kb (" + d.seeds() + " seeds of " + d.itemsPerSeed() + " of " + d.eligible() + ")",
                    d.scores(), "", "");
            out.printf("%-14s confidence of the right document: 10th percentile %.2f, median %.2f; of the best wrong "
                    + "one: median %.2f, 90th percentile %.2f; MRR@10 per seed %s%n", "",
                    DelinkEvaluation.quantile(d.right(), 0.1), DelinkEvaluation.quantile(d.right(), 0.5),
                    DelinkEvaluation.quantile(d.bestWrong(), 0.5), DelinkEvaluation.quantile(d.bestWrong(), 0.9),
                    d.perSeedMrr().stream().map(x -> String.format("%.3f", x)).toList());
            out.printf("%-14s called covered (best suggestion's confidence %.2f or more): by the right document %.3f of "
                    + "items, by the best wrong one %.3f%n", "", d.covered(), d.rightCovered(), d.bestWrongCovered());
            if (details) {
                misses(d.scores().misses());
            }
        }
        PrerequisiteEvaluation.Report g = r.prerequisites();
        if (g != null) {
            out.printf("%-14s %d of %d pairs held, %d of %d forbidden ones violated, %.2f direct prerequisites per "
                    + "topic, %d edge(s) dropped%n", "prerequisites", g.positivesHeld(), g.positives(), g.violated().size(),
                    g.negatives(), g.averageDirect(), g.dropped());
            if (details) {
                g.missed().forEach(p -> out.printf("    missed:   %s before %s%n", p.before(), p.after()));
                g.violated().forEach(p -> out.printf("    violated: %s before %s%n", p.before(), p.after()));
            }
        }
        PathLengths.Report paths = r.paths();
        if (paths != null) {
            out.printf("%-14s learning paths of %d topics: median %.0f steps, 90th percentile %.0f, longest %d%n",
                    "", paths.topics(), paths.median(), paths.p90(), paths.max());
        }
        if (details) {
            // The rows a regression table would hold for this run: what to paste when a change moves a figure.
            r.figures().forEach((key, value) -> out.printf("    row: %s\t%s\t%.3f%n", r.course().id(),
                    key.replace(' ', '\t'), value));
        }
        if (r.course().files().values().stream().anyMatch(EvalManifest.JudgedFile::own)) {
            out.printf("* written by kb's developers, not judged independently: not in the mean%n");
        }
        out.println();
        out.flush();
    }

    private void misses(List<RankingMetrics.Miss> misses) {
        for (RankingMetrics.Miss m : misses) {
            out.printf("    %s: best answer at %s; top: %s%n", m.query(),
                    m.rankOfFirstRelevant() == 0 ? "none of the top 10" : "rank " + m.rankOfFirstRelevant(),
                    m.got().subList(0, Math.min(3, m.got().size())));
        }
    }

    private void scores(String judged, String system, RankingMetrics.Scores s, String cited, String passageMrr) {
        out.printf(ROW, judged, system, String.format("%.3f", s.mrr()), String.format("%.3f", s.recall()),
                String.format("%.3f", s.ndcg()), cited, passageMrr);
    }

    /** Per kind of judged file, the mean over the courses (files marked own left out). */
    private void printMean(java.util.Collection<CourseEvaluation> results) {
        if (results.size() < 2) {
            return;
        }
        out.printf("== mean over the courses%n%n");
        out.printf(ROW, "judged", "system", "MRR@10", "Recall@10", "nDCG@10", "cited@5", "MRR@5");
        for (EvalManifest.Judged kind : List.of(EvalManifest.Judged.QUERIES, EvalManifest.Judged.QUESTIONS)) {
            List<SearchEvaluation.Report> search = new ArrayList<>();
            List<PassageEvaluation.Report> passages = new ArrayList<>();
            for (CourseEvaluation r : results) {
                if (r.search().containsKey(kind) && !r.course().files().get(kind).own()) {
                    search.add(r.search().get(kind));
                    passages.add(r.passages().get(kind));
                }
            }
            if (search.isEmpty()) {
                continue;
            }
            String judged = kind.label() + " (" + search.size() + ")";
            out.printf(ROW, judged, "kb", mean(search, s -> s.kb().mrr()), mean(search, s -> s.kb().recall()),
                    mean(search, s -> s.kb().ndcg()),
                    mean(passages, p -> (double) p.cited() / Math.max(1, p.questions())), mean(passages, p -> p.mrr()));
            out.printf(ROW, judged, "PostgreSQL FTS (best per course)", mean(search, s -> s.bestPostgres().getValue().mrr()),
                    mean(search, s -> s.bestPostgres().getValue().recall()), mean(search, s -> s.bestPostgres().getValue().ndcg()),
                    "", "");
        }
        out.println();
        out.flush();
    }

    private static <T> String mean(List<T> values, java.util.function.ToDoubleFunction<T> f) {
        return String.format("%.3f", values.stream().mapToDouble(f).average().orElse(0));
    }

    private int printRegressions(RegressionTable table, Map<String, CourseEvaluation> results) {
        out.printf("== regression table%n%n%-18s %-14s %-30s %9s %9s %9s  %s%n", "course", "judged", "measure",
                "expected", "tolerance", "today", "");
        int failed = 0;
        for (RegressionTable.Row row : table.rows()) {
            CourseEvaluation r = results.get(row.course());
            Double today = r == null ? null : r.figures().get(row.figure());
            String verdict;
            if (r == null) {
                verdict = "skipped: course absent";
            } else if (today == null) {
                verdict = "FAILED: not measured";
                failed++;
            } else if (row.holds(today)) {
                verdict = "ok";
            } else {
                verdict = "FAILED";
                failed++;
            }
            out.printf("%-18s %-14s %-30s %9.3f %9.3f %9s  %s%n", row.course(), row.judged(), row.measure(),
                    row.expected(), row.tolerance(), today == null ? "-" : String.format("%.3f", today), verdict);
        }
        out.printf("%n%d rows, %d failed%n", table.rows().size(), failed);
        out.flush();
        return failed == 0 ? 0 : 1;
    }
}

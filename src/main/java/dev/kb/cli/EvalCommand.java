package dev.kb.cli;

import dev.kb.app.Kb;
import dev.kb.config.Config;
import dev.kb.eval.GapEvaluation;
import dev.kb.eval.JudgedPairs;
import dev.kb.eval.JudgedQuery;
import dev.kb.eval.PassageEvaluation;
import dev.kb.eval.PrerequisiteEvaluation;
import dev.kb.eval.RankingMetrics;
import dev.kb.eval.SearchEvaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Index a course, then score kb on judged files: search questions (MRR@10, Recall@10, nDCG@10, "
                + "next to PostgreSQL full-text search over the same documents, with timings) and teaching orders "
                + "(pairs held and violated, graph sparsity). With --manifest, every course of a manifest in one run; "
                + "with --regressions, the regression table with today's figure next to each expected one.")
final class EvalCommand extends IndexingCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", arity = "0..1",
            description = "The course directory (its README.md is the agenda); not with --manifest or --regressions.")
    Path path;

    @Option(names = "--manifest", paramLabel = "FILE",
            description = "Score every course the manifest names with its judged files (e.g. eval/courses.tsv): one "
                    + "table per course and their mean; each course indexed alone under DIR/eval/COURSE.")
    Path manifest;

    @Option(names = "--regressions", arity = "0..1", fallbackValue = "eval/regressions.tsv", paramLabel = "FILE",
            description = "Score the manifest's courses (default: courses.tsv beside FILE) and print the regression "
                    + "table FILE (default ${FALLBACK-VALUE}) with today's figures; exits 1 when a row does not hold.")
    Path regressions;

    @Option(names = "--queries", paramLabel = "FILE",
            description = "Judged questions: query<TAB>relevant paths, best first (e.g. ../shared/eval/queries-dev.tsv).")
    Path queries;

    @Option(names = "--prerequisites", paramLabel = "FILE",
            description = "Judged teaching orders: before<TAB>after, or !x<TAB>y for pairs that must not be ordered "
                    + "(e.g. ../shared/eval/prerequisites-dev.tsv).")
    Path prerequisites;

    @Option(names = "--gaps", paramLabel = "FILE",
            description = "Agenda items without a document and the topics that cover them, best first "
                    + "(e.g. ../shared/eval/gap-suggestions-dev.tsv).")
    Path gaps;

    @Option(names = "--rounds", defaultValue = "20", paramLabel = "N",
            description = "How often every query is timed (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--details", description = "Also list, per question, where each relevant document ranked.")
    boolean details;

    private Config config() {
        return database.config(ingest.limits());
    }

    @Override
    public Integer call() throws IOException {
        if (manifest != null || regressions != null) {
            if (path != null || queries != null || prerequisites != null || gaps != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--manifest and --regressions take their courses and files from the manifest, not PATH, "
                                + "--queries, --prerequisites or --gaps");
            }
            return new ManifestRun(config(), spec.commandLine().getOut(), rounds, details).run(manifest, regressions);
        }
        if (path == null || queries == null && prerequisites == null && gaps == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "name what to evaluate: PATH with --queries FILE, --prerequisites FILE and/or --gaps FILE, "
                            + "or --manifest FILE, or --regressions");
        }
        CourseDirectory course = CourseDirectory.of(spec, path, courseId.courseId);
        List<JudgedQuery> judged = queries == null ? null : JudgedQuery.read(queries);
        JudgedPairs pairs = prerequisites == null ? null : JudgedPairs.read(prerequisites);
        List<JudgedQuery> items = gaps == null ? null : JudgedQuery.read(gaps);
        PrintWriter out = spec.commandLine().getOut();
        try (Kb app = Kb.open(config())) {
            app.index(course.id(), course.path());
            if (judged != null) {
                print(out, SearchEvaluation.run(app.services().search(), app.baseline(), course.id(), judged,
                        app.services().courses().handoutPaths(course.id()), rounds));
                if (details) {
                    printDetails(out, app, course.id(), judged);
                }
                print(out, PassageEvaluation.run(app.services().passages(), course.id(), judged));
            }
            if (pairs != null) {
                print(out, PrerequisiteEvaluation.run(app.services().graph(), course.id(), pairs));
            }
            if (items != null) {
                print(out, GapEvaluation.run(app.services().gaps(), app.baseline(), course.id(), items,
                        app.services().courses().handoutPaths(course.id())));
            }
        }
        return 0;
    }

    private void print(PrintWriter out, GapEvaluation.Report r) {
        out.printf("%nGap suggestions: %d agenda items without a document, from %s%n%n", r.items(), gaps.getFileName());
        out.printf("%-44s %7s %10s %8s%n", "system", "MRR@10", "Recall@10", "nDCG@10");
        row(out, "kb (coverage report suggestions)", r.kb());
        r.postgres().forEach((config, scores) -> row(out, "PostgreSQL FTS " + config + ", title as OR-query", scores));
        for (RankingMetrics.Miss m : r.kb().misses()) {
            out.printf("  %-50s best answer at %s; suggested: %s%n", m.query(),
                    m.rankOfFirstRelevant() == 0 ? "none" : "rank " + m.rankOfFirstRelevant(),
                    m.got().subList(0, Math.min(3, m.got().size())));
        }
        out.flush();
    }

    private void print(PrintWriter out, PrerequisiteEvaluation.Report r) {
        out.printf("%nPrerequisites: %d ordered pairs and %d pairs that must not be ordered, from %s%n", r.positives(),
                r.negatives(), prerequisites.getFileName());
        out.printf("  positive pairs held:        %d of %d%n", r.positivesHeld(), r.positives());
        out.printf("  negative pairs violated:    %d of %d%n", r.violated().size(), r.negatives());
        out.printf("  direct prerequisites per topic after transitive reduction: %.2f (topics that have any), "
                + "%.2f (all topics)%n", r.averageDirect(), r.averageDirectAll());
        out.printf("  edges: %d inferred, %d after reduction, %d dropped to break cycles%n", r.edges(),
                r.reducedEdges(), r.dropped());
        r.missed().forEach(p -> out.printf("  missed:   %s before %s%n", p.before(), p.after()));
        r.violated().forEach(p -> out.printf("  violated: %s before %s%n", p.before(), p.after()));
        out.flush();
    }

    private void print(PrintWriter out, PassageEvaluation.Report r) {
        out.printf("%nPassages: the top %d cite a relevant document for %d of %d questions; MRR@%d %.3f; median "
                + "passage %.0f characters%n", PassageEvaluation.K, r.cited(), r.questions(), PassageEvaluation.K, r.mrr(),
                r.medianChars());
        r.missed().forEach(q -> out.printf("  no relevant citation: %s%n", q));
    }

    private void print(PrintWriter out, SearchEvaluation.Report r) {
        out.printf("Search: %d judged questions from %s, course %s%n%n", r.queries(), queries.getFileName(), path);
        out.printf("%-44s %7s %10s %8s%n", "system", "MRR@10", "Recall@10", "nDCG@10");
        row(out, "kb (Lucene)", r.kb());
        for (Map.Entry<String, RankingMetrics.Scores> e : r.postgres().entrySet()) {
            row(out, "PostgreSQL FTS " + e.getKey(), e.getValue());
        }
        row(out, "PostgreSQL FTS best (" + r.bestPostgres().getKey() + ")", r.bestPostgres().getValue());
        row(out, "PostgreSQL FTS best, agenda and handouts left in", r.postgresNaive());
        out.printf("%nkb search latency, in-process: median %.2f ms, p99 %.2f ms over %d searches%n",
                r.latency().medianMillis(), r.latency().p99Millis(), r.latency().searches());
        r.latency().slowest().forEach((q, ms) -> out.printf("  slowest: %-32s median %.2f ms%n", q, ms));
        if (!r.kb().misses().isEmpty()) {
            out.printf("%nQuestions where kb's first hit is not the best answer:%n");
            for (RankingMetrics.Miss m : r.kb().misses()) {
                out.printf("  %-32s best answer at %s; top: %s%n", m.query(),
                        m.rankOfFirstRelevant() == 0 ? "none of the top 10" : "rank " + m.rankOfFirstRelevant(),
                        m.got().subList(0, Math.min(3, m.got().size())));
            }
        }
        out.flush();
    }

    private static void printDetails(PrintWriter out, Kb app, String courseId, List<JudgedQuery> judged) {
        out.printf("%nPer question (rank of each relevant document in kb's top 10, '-' when absent):%n");
        for (JudgedQuery q : judged) {
            List<String> top = app.services().search().search(
                    new dev.kb.search.SearchService.Request(q.query(), courseId, RankingMetrics.K, 0))
                    .hits().stream().map(dev.kb.search.SearchHit::path).toList();
            StringBuilder ranks = new StringBuilder();
            for (String relevant : q.relevant()) {
                int rank = top.indexOf(relevant);
                ranks.append(rank < 0 ? "-" : Integer.toString(rank + 1)).append(' ');
            }
            out.printf("  %-32s %s  top: %s%n", q.query(), ranks.toString().strip(), top.subList(0, Math.min(4, top.size())));
        }
    }

    private static void row(PrintWriter out, String name, RankingMetrics.Scores s) {
        out.printf("%-44s %7.3f %10.3f %8.3f%n", name, s.mrr(), s.recall(), s.ndcg());
    }
}

package dev.kb.cli;

import dev.kb.bench.Benchmark;
import dev.kb.bench.GrowthPlot;
import dev.kb.bench.QueryMix;
import dev.kb.bench.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Measure kb next to PostgreSQL full-text search in one run: for each size, grow the corpus "
                + "(or reuse it), index it into a fresh embedded PostgreSQL, load the same topics into PostgreSQL FTS, "
                + "drive both with the same queries over HTTP at each client count, and print the tables "
                + "(also written to WORK/results.md, with the growth plot WORK/growth.png).")
final class BenchRunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "PATH", description = "The real course to grow corpora from.")
    Path from;

    @Option(names = "--docs", split = ",", defaultValue = "0,1000,10000,100000", paramLabel = "N",
            description = "Corpus sizes in documents, comma-separated; 0 is the source course itself "
                    + "(default ${DEFAULT-VALUE}).")
    List<Integer> docs;

    @Option(names = "--clients", split = ",", defaultValue = "4,32", paramLabel = "N",
            description = "Concurrent clients, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> clients;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Measured time of each load run (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Unmeasured time before each load run (default ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--queries", defaultValue = "500", paramLabel = "N",
            description = "Distinct queries in the mix (default ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "Corpus and query seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", defaultValue = "bench", paramLabel = "DIR",
            description = "Corpora, databases and results (default ${DEFAULT-VALUE}).")
    Path work;

    @Option(names = "--judged", paramLabel = "DIR",
            description = "Evaluation folder whose judged queries are the second query mix: its queries-dev.tsv and "
                    + "each course folder's queries.tsv (default: ../../eval from the course, as in ../shared; "
                    + "the mix is left out when there are none).")
    Path judged;

    @Option(names = "--no-cold-index", negatable = false,
            description = "Skip timing a cold 'kb index' of the source course in a new process.")
    boolean noColdIndex;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isDirectory(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no course directory at " + from);
        }
        if (docs.stream().anyMatch(d -> d < 0 || d == 1 || d > 10_000_000) || clients.stream().anyMatch(c -> c < 1 || c > 1024)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--docs takes 0 or 2 to 10000000, --clients 1 to 1024");
        }
        if (queries < 1 || duration.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--queries and --duration must be positive");
        }
        BenchCommand.quietRequestLog();
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(work);
        Optional<Double> cold = Optional.empty();
        if (!noColdIndex) {
            cold = dev.kb.bench.Benchmark.coldIndex(from, work.resolve("data-cold"));
            cold.ifPresent(s -> out.printf("cold kb index of %s: %.1f s%n", from, s));
            out.flush();
        }
        Path evalDir = judged != null ? judged : from.toAbsolutePath().normalize().resolve("../../eval").normalize();
        List<String> judgedQueries = QueryMix.judged(evalDir);
        out.println(judgedQueries.isEmpty() ? "no judged queries in " + evalDir + ": only the heading-words mix"
                : judgedQueries.size() + " judged queries from " + evalDir);
        List<Benchmark.Result> results = new ArrayList<>();
        for (int size : docs) {
            out.println("== " + (size == 0 ? "source course " + from : size + " documents"));
            out.flush();
            results.add(Benchmark.run(new Benchmark.Settings(from, work, size, clients, warmup, duration, seed, queries,
                            judgedQueries),
                    line -> {
                        out.println(line);
                        out.flush();
                    }));
        }
        String report = Report.markdown(results, cold);
        out.println();
        out.println(report);
        Files.writeString(work.resolve("results.md"), report);
        if (results.size() > 1) {
            GrowthPlot.write(results, clients.get(0), work.resolve("growth.png"));
        }
        out.println("written: " + work.resolve("results.md") + (results.size() > 1 ? ", " + work.resolve("growth.png") : ""));
        return 0;
    }
}

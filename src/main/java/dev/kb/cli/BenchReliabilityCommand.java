package dev.kb.cli;

import dev.kb.bench.Reliability;
import dev.kb.bench.ReliabilityReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "reliability", mixinStandardHelpOptions = true,
        description = "Load kb while its course changes: closed-loop keep-alive clients send a mix of searches, "
                + "passages, completions, topics, graphs and health checks while the course is fully re-indexed "
                + "every few seconds; prints requests, failures, latency, re-indexes and heap (also written to "
                + "WORK/reliability.md). Exits 1 when a request or a re-index failed.")
final class BenchReliabilityCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--course", paramLabel = "PATH",
            description = "The course to serve and re-index (copied into WORK first); default: the example course.")
    Path course;

    @Option(names = "--clients", defaultValue = "64", paramLabel = "N",
            description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long the load runs (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--reindex-every", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Period of the re-indexes (default ${DEFAULT-VALUE}).")
    Duration reindexEvery;

    @Option(names = "--incremental",
            description = "Re-index like a saved file does (only the changed file parsed again), not in full.")
    boolean incremental;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Request mix seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", defaultValue = "bench/reliability", paramLabel = "DIR",
            description = "The course copy, database, index and report (default ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (clients < 1 || clients > 1024 || duration.isZero() || reindexEvery.isZero()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clients takes 1 to 1024; --duration and --reindex-every must be positive");
        }
        Files.createDirectories(work);
        Path source = course != null ? course : ExampleCourse.extractTo(work.resolve("example-course"));
        if (!Files.isDirectory(source)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no course directory at " + source);
        }
        BenchCommand.quietRequestLog();
        PrintWriter out = spec.commandLine().getOut();
        out.println("JVM: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()) + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        Reliability.Result result = Reliability.run(new Reliability.Settings(source.toAbsolutePath().normalize(), work,
                clients, duration, reindexEvery, !incremental, seed), line -> {
                    out.println(line);
                    out.flush();
                });
        String report = ReliabilityReport.markdown(result);
        out.println();
        out.println(report);
        Files.writeString(work.resolve("reliability.md"), report);
        out.println((result.passed() ? "passed" : "FAILED") + "; written: " + work.resolve("reliability.md"));
        return result.passed() ? 0 : 1;
    }
}

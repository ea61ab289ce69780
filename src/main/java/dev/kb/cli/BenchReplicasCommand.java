package dev.kb.cli;

import dev.kb.bench.ReplicaBench;
import dev.kb.config.Config;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "replicas", mixinStandardHelpOptions = true,
        description = "Load 1, then 3 kb replicas on one PostgreSQL (round-robin over their HTTP ports) while a "
                + "change to the course is indexed through the first every few seconds; prints throughput, latency "
                + "and the delay from each change's commit to its being searchable on every replica (also written to "
                + "WORK/replicas.md). Exits 1 when a request failed.")
final class BenchReplicasCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--course", paramLabel = "PATH",
            description = "The course to serve and change (copied into WORK first); default: the example course.")
    Path course;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", defaultValue = "${env:KB_DATABASE_URL}",
            description = "The PostgreSQL the replicas share (env KB_DATABASE_URL); its course 'bench' is overwritten.")
    String databaseUrl;

    @Option(names = "--replicas", defaultValue = "1,3", split = ",", paramLabel = "N,...",
            description = "Replica counts to measure, in turn (default ${DEFAULT-VALUE}).")
    List<Integer> replicas;

    @Option(names = "--clients", defaultValue = "32", paramLabel = "N",
            description = "Concurrent clients (default ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "How long the load runs for each count (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--change-every", defaultValue = "5s", converter = DurationConverter.class, paramLabel = "TIME",
            description = "Period of the changes (default ${DEFAULT-VALUE}).")
    Duration changeEvery;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "Request mix seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--work", defaultValue = "bench/replicas", paramLabel = "DIR",
            description = "The course copy, the replicas' indexes and the report (default ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--database-url: replicas share one PostgreSQL (the embedded one belongs to one data directory)");
        }
        if (clients < 1 || clients > 1024 || duration.isZero() || changeEvery.isZero()
                || replicas.stream().anyMatch(n -> n < 1 || n > 16)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clients takes 1 to 1024, --replicas 1 to 16 each; --duration and --change-every must be positive");
        }
        Files.createDirectories(work);
        Path source = course != null ? course : ExampleCourse.extractTo(work.resolve("example-course"));
        BenchCommand.quietRequestLog();
        PrintWriter out = spec.commandLine().getOut();
        List<ReplicaBench.Run> runs = ReplicaBench.run(new ReplicaBench.Settings(source.toAbsolutePath().normalize(),
                work, new Config.DatabaseSettings(databaseUrl, null, null), replicas, clients, duration, changeEvery,
                seed), line -> {
                    out.println(line);
                    out.flush();
                });
        String report = markdown(runs);
        out.println();
        out.println(report);
        Files.writeString(work.resolve("replicas.md"), report);
        boolean passed = runs.stream().allMatch(r -> r.load().failures() == 0);
        out.println((passed ? "passed" : "FAILED") + "; written: " + work.resolve("replicas.md"));
        return passed ? 0 : 1;
    }

    private static String markdown(List<ReplicaBench.Run> runs) {
        StringBuilder b = new StringBuilder("| replicas | clients | requests | req/s | p50 ms | p99 ms | failed | changes "
                + "| run mean ms | commit → searchable, mean / max ms, per replica (publisher first) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (ReplicaBench.Run r : runs) {
            StringBuilder delays = new StringBuilder();
            for (int i = 0; i < r.replicas(); i++) {
                delays.append(i == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%.0f / %.0f", r.meanDelay(i),
                        r.maxDelay(i)));
            }
            b.append(String.format(Locale.ROOT, "| %d | %d | %d | %.0f | %.1f | %.1f | %d | %d | %.0f | %s |%n",
                    r.replicas(), r.load().clients(), r.load().requests(), r.load().throughput(), r.load().millis(50),
                    r.load().millis(99), r.load().failures(), r.changes(), r.runMeanMillis(), delays));
        }
        return b.toString();
    }
}

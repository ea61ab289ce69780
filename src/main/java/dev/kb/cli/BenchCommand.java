package dev.kb.cli;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/** {@code kb bench}: grows benchmark courses, measures kb against PostgreSQL full-text search, and loads it. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: grow a large course from a real one, measure indexing and search throughput "
                + "and latency next to PostgreSQL full-text search in one run (see docs/benchmarks.md), and load kb "
                + "while its course is re-indexed (see docs/reliability.md); follow a catalog of N courses from git "
                + "repositories (catalog); serve one course from several replicas (replicas).",
        subcommands = {BenchGenerateCommand.class, BenchRunCommand.class, BenchReliabilityCommand.class,
                BenchCatalogCommand.class, BenchReplicasCommand.class})
final class BenchCommand {
    /** One log line per request would measure the terminal; the request timer for /metrics stays on. */
    static void quietRequestLog() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.kb.api.RequestLog")).setLevel(Level.WARN);
    }
}

package dev.kb.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kb bench}: grows benchmark courses and measures kb against PostgreSQL full-text search. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: grow a large course from a real one, and measure indexing and search throughput "
                + "and latency next to PostgreSQL full-text search in one run (see docs/benchmarks.md).",
        subcommands = {BenchGenerateCommand.class, BenchRunCommand.class})
final class BenchCommand {
    @ParentCommand
    KbCommand kb;
}

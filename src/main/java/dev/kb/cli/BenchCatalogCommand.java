package dev.kb.cli;

import dev.kb.bench.CatalogBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Measure a catalog of N courses from git: make N local bare repositories from the given "
                + "courses (round robin), fetch and index them all cold into a fresh kb, then handle one push to one "
                + "course; prints wall time, documents/s, heap and disk (also written to WORK/catalog.md).")
final class BenchCatalogCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "PATH",
            description = "A course directory, or a folder of course directories (each with a README.md); "
                    + "repeatable.")
    List<Path> from;

    @Option(names = "--courses", defaultValue = "50", paramLabel = "N",
            description = "How many course repositories (default ${DEFAULT-VALUE}).")
    int courses;

    @Option(names = "--work", defaultValue = "bench", paramLabel = "DIR",
            description = "Repositories, data and results (default ${DEFAULT-VALUE}).")
    Path work;

    @Override
    public Integer call() throws IOException {
        if (courses < 1 || courses > 10_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--courses takes 1 to 10000");
        }
        List<Path> sources = new ArrayList<>();
        for (Path p : from) {
            if (Files.isRegularFile(p.resolve("README.md"))) {
                sources.add(p);
            } else if (Files.isDirectory(p)) {
                try (Stream<Path> children = Files.list(p)) {
                    children.filter(c -> Files.isRegularFile(c.resolve("README.md"))).sorted().forEach(sources::add);
                }
            }
        }
        if (sources.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no course (a folder with a README.md) in "
                    + from);
        }
        BenchCommand.quietRequestLog();
        PrintWriter out = spec.commandLine().getOut();
        Files.createDirectories(work);
        CatalogBenchmark.Figures figures = CatalogBenchmark.run(sources, courses, work, line -> {
            out.println(line);
            out.flush();
        });
        String report = CatalogBenchmark.markdown(figures);
        out.println();
        out.println(report);
        Files.writeString(work.resolve("catalog.md"), report);
        out.println("written: " + work.resolve("catalog.md"));
        return 0;
    }
}

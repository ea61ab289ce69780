package dev.kb.cli;

import dev.kb.bench.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Grow a course of N markdown documents from a real course: copies of its files with their prose "
                + "words shuffled per copy, deterministic for a seed. An existing corpus made the same way is reused.")
final class BenchGenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "PATH", description = "The real course to grow from.")
    Path from;

    @Option(names = "--docs", defaultValue = "100000", paramLabel = "N",
            description = "Markdown documents to write, the agenda included (default ${DEFAULT-VALUE}).")
    int docs;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write (default: bench/corpus-N).")
    Path out;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED", description = "Shuffle seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(from)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no course directory at " + from);
        }
        if (docs < 2 || docs > 10_000_000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--docs must be between 2 and 10000000");
        }
        Path target = out != null ? out : Path.of("bench", "corpus-" + docs);
        long started = System.nanoTime();
        CorpusGenerator.Corpus corpus;
        try {
            corpus = CorpusGenerator.generate(from, target, docs, seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        spec.commandLine().getOut().printf("%s %d documents (%d copies, %.1f MB) in %s in %.1f s%n",
                corpus.reused() ? "reused" : "generated", corpus.documents(), corpus.copies(), corpus.bytes() / 1e6,
                corpus.root(), (System.nanoTime() - started) / 1e9);
        return 0;
    }
}

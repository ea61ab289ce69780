package dev.kb.bench;

import dev.kb.ingest.CourseScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Grows a benchmark course of any size from a real one: copy {@code k} of every markdown file goes to
 * {@code copy-k/} with its prose words shuffled (a seeded shuffle per copy and file), so the copies share the
 * real course's vocabulary, structure, code and links, but no two are the same text. The root README.md is an
 * agenda with one module per copy. The same source, size and seed always give the same files.
 */
public final class CorpusGenerator {
    /** Marks a generated directory: what it was made from, so it is reused only when it is what was asked. */
    static final String MARKER = ".kb-bench-corpus";
    /** Raised when the way copies are made changes, so old corpora are made again. */
    private static final int FORMAT = 1;
    /** A plain word, possibly with trailing punctuation: the only tokens shuffled (syntax stays in place). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}\\p{N}'’-]*[.,;:!?]?");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*");

    /** What was generated (or found already generated). */
    public record Corpus(Path root, int documents, int copies, long bytes, boolean reused) {
    }

    private CorpusGenerator() {
    }

    /**
     * Writes {@code documents} markdown files (the root agenda included) grown from {@code source} into
     * {@code target}, or reuses {@code target} when an earlier run made exactly this corpus there.
     *
     * @throws IllegalArgumentException when {@code target} holds files that are not a generated corpus, or the
     *                                  source has no markdown
     */
    public static Corpus generate(Path source, Path target, int documents, long seed) throws IOException {
        if (documents < 2) {
            throw new IllegalArgumentException("a generated course has at least 2 documents, not " + documents);
        }
        List<CourseScanner.SourceFile> files = CourseScanner.scan(source).markdown();
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no markdown files in " + source);
        }
        String description = "format=" + FORMAT + " source=" + source.toRealPath() + " documents=" + documents
                + " seed=" + seed + "\n";
        Path marker = target.resolve(MARKER);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(description)) {
            return new Corpus(target, documents, copies(documents - 1, files.size()), size(target), true);
        }
        clear(target, marker);
        Files.createDirectories(target);
        List<String> texts = new ArrayList<>();
        for (CourseScanner.SourceFile f : files) {
            texts.add(new String(Files.readAllBytes(f.file()), StandardCharsets.UTF_8));
        }
        int copyDocs = documents - 1;
        int copies = copies(copyDocs, files.size());
        // Each file's shuffle depends only on seed, copy and file, so the files can be written in any order.
        try {
            IntStream.range(0, copyDocs).parallel().forEach(i -> {
                int copy = i / files.size();
                int file = i % files.size();
                Path out = target.resolve(copyDir(copy)).resolve(files.get(file).path());
                try {
                    Files.createDirectories(out.getParent());
                    Files.writeString(out, shuffle(texts.get(file), new Random(mix(seed, copy, file))));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.writeString(target.resolve("README.md"), agenda(source, documents, copies, files));
        Files.writeString(marker, description);
        return new Corpus(target, documents, copies, size(target), false);
    }

    /** The same text with the words of its prose shuffled; code, headings, front matter and syntax stay. */
    static String shuffle(String text, Random random) {
        String[] lines = text.split("\n", -1);
        List<int[]> slots = new ArrayList<>(); // {line, token} of each word to shuffle
        List<List<String>> tokens = new ArrayList<>();
        boolean code = false;
        boolean frontMatter = lines.length > 0 && lines[0].strip().equals("---");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            List<String> parts = tokenize(line);
            tokens.add(parts);
            if (frontMatter) {
                frontMatter = n == 0 || !line.strip().equals("---");
                continue;
            }
            if (FENCE.matcher(line).matches()) {
                code = !code;
                continue;
            }
            if (code || line.startsWith("    ") || line.stripLeading().startsWith("#")) {
                continue;
            }
            boolean inCodeSpan = false;
            for (int p = 0; p < parts.size(); p++) {
                String part = parts.get(p);
                boolean ticks = part.indexOf('`') >= 0;
                if (!inCodeSpan && !ticks && WORD.matcher(part).matches()) {
                    slots.add(new int[] {n, p});
                }
                if (ticks && (part.chars().filter(c -> c == '`').count() % 2 == 1)) {
                    inCodeSpan = !inCodeSpan;
                }
            }
        }
        List<String> words = new ArrayList<>(slots.size());
        slots.forEach(s -> words.add(tokens.get(s[0]).get(s[1])));
        java.util.Collections.shuffle(words, random);
        for (int i = 0; i < slots.size(); i++) {
            tokens.get(slots.get(i)[0]).set(slots.get(i)[1], words.get(i));
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int n = 0; n < tokens.size(); n++) {
            if (n > 0) {
                out.append('\n');
            }
            tokens.get(n).forEach(out::append);
        }
        return out.toString();
    }

    /** A line as alternating runs of spaces and non-spaces, so joining them gives the line back. */
    private static List<String> tokenize(String line) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= line.length(); i++) {
            if (i == line.length() || Character.isWhitespace(line.charAt(i)) != Character.isWhitespace(line.charAt(start))) {
                parts.add(line.substring(start, i));
                start = i;
            }
        }
        return parts;
    }

    private static String agenda(Path source, int documents, int copies, List<CourseScanner.SourceFile> files) {
        StringBuilder b = new StringBuilder("# Benchmark course\n\n")
                .append(documents).append(" documents grown from ").append(source.getFileName())
                .append(": ").append(copies).append(" copies of its ").append(files.size())
                .append(" markdown files, prose words shuffled per copy.\n\n## Agenda\n\n");
        boolean readme = files.stream().anyMatch(f -> f.path().equals("README.md"));
        for (int copy = 0; copy < copies; copy++) {
            String start = readme ? "README.md" : files.get(0).path();
            b.append("### Copy ").append(copy + 1).append("\n\n- [Start](").append(copyDir(copy)).append('/')
                    .append(start).append(")\n\n");
        }
        return b.toString();
    }

    private static int copies(int copyDocs, int files) {
        return (copyDocs + files - 1) / files;
    }

    private static String copyDir(int copy) {
        return String.format("copy-%05d", copy + 1);
    }

    private static long mix(long seed, int copy, int file) {
        return seed * 0x9E3779B97F4A7C15L + copy * 1_000_003L + file;
    }

    /** Empties a directory only when it is an earlier generated corpus (or already empty): never a user's files. */
    private static void clear(Path target, Path marker) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(target)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!Files.isRegularFile(marker)) {
            throw new IllegalArgumentException(target + " is not empty and not a generated corpus: choose another --out");
        }
        Directories.delete(target, true);
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}

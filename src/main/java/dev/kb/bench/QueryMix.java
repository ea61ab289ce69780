package dev.kb.bench;

import dev.kb.eval.JudgedQuery;
import dev.kb.ingest.CourseScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The queries a benchmark sends, drawn from a course the way its participants search: one or two words of a
 * heading ("sidecar injection"), and identifiers from its inline code ({@code runAsNonRoot}). Deterministic
 * for a seed, and the same strings go to every system measured.
 */
public final class QueryMix {
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+)$");
    private static final Pattern INLINE_CODE = Pattern.compile("`([A-Za-z][A-Za-z0-9_.-]{3,30})`");
    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    /** Heading words no participant searches for (the pattern already drops words under four letters). */
    private static final Set<String> FILLER = Set.of("with", "from", "into", "what", "when", "which", "that", "this",
            "your", "about", "using", "step", "part", "teil", "eine", "einer", "oder", "nicht");

    private QueryMix() {
    }

    /**
     * The judged keyword queries of the dev courses under {@code evalDir} ({@code ../shared/eval}): its
     * {@code queries-dev.tsv} and each course folder's {@code queries.tsv}, as typed, in file order; empty when
     * there are none. Selective queries, unlike heading words over a corpus of copies: the fixed cost per search
     * shows with them.
     */
    public static List<String> judged(Path evalDir) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(evalDir.resolve("queries-dev.tsv"))) {
            files.add(evalDir.resolve("queries-dev.tsv"));
        }
        if (Files.isDirectory(evalDir)) {
            try (var dirs = Files.list(evalDir)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("queries.tsv"))).sorted()
                        .forEach(d -> files.add(d.resolve("queries.tsv")));
            }
        }
        List<String> queries = new ArrayList<>();
        for (Path file : files) {
            JudgedQuery.read(file).forEach(j -> queries.add(j.query()));
        }
        return queries;
    }

    public static List<String> from(Path course, int count, long seed) throws IOException {
        List<List<String>> headings = new ArrayList<>();
        TreeSet<String> code = new TreeSet<>();
        for (CourseScanner.SourceFile f : CourseScanner.scan(course).markdown()) {
            String text = new String(Files.readAllBytes(f.file()), StandardCharsets.UTF_8);
            Matcher h = HEADING.matcher(text);
            while (h.find()) {
                List<String> words = new ArrayList<>();
                Matcher w = WORD.matcher(h.group(1));
                while (w.find()) {
                    if (!FILLER.contains(w.group().toLowerCase(Locale.ROOT))) {
                        words.add(w.group());
                    }
                }
                if (!words.isEmpty()) {
                    headings.add(words);
                }
            }
            Matcher c = INLINE_CODE.matcher(text);
            while (c.find()) {
                code.add(c.group(1));
            }
        }
        if (headings.isEmpty()) {
            throw new IllegalArgumentException("no headings in " + course + " to draw benchmark queries from");
        }
        List<String> identifiers = new ArrayList<>(code);
        Random random = new Random(seed);
        List<String> queries = new ArrayList<>(count);
        while (queries.size() < count) {
            int kind = random.nextInt(10);
            if (kind < 2 && !identifiers.isEmpty()) {
                queries.add(identifiers.get(random.nextInt(identifiers.size())));
                continue;
            }
            List<String> words = headings.get(random.nextInt(headings.size()));
            int at = random.nextInt(words.size());
            queries.add(kind < 6 || at + 1 >= words.size() ? words.get(at) : words.get(at) + " " + words.get(at + 1));
        }
        return queries;
    }
}

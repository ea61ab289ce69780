package dev.kb.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Judged teaching orders: {@code before<TAB>after} means a trainer teaches {@code before} first; a line starting
 * with {@code !} names a pair that must not be ordered that way. Lines starting with {@code #} are comments.
 */
public record JudgedPairs(List<Pair> positives, List<Pair> negatives) {

    public record Pair(String before, String after) {
    }

    public static JudgedPairs read(Path file) throws IOException {
        List<Pair> positives = new ArrayList<>();
        List<Pair> negatives = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            boolean negative = line.startsWith("!");
            String[] parts = (negative ? line.substring(1) : line).strip().split("\\s+");
            if (parts.length != 2) {
                throw new IOException(file + ": expected 'before<TAB>after' but found: " + line);
            }
            (negative ? negatives : positives).add(new Pair(parts[0], parts[1]));
        }
        return new JudgedPairs(List.copyOf(positives), List.copyOf(negatives));
    }
}

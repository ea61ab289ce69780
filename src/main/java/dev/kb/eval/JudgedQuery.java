package dev.kb.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A question with the documents that answer it, best first: one line of a judged file
 * ({@code query<TAB>path path …}; lines starting with {@code #} are comments).
 */
public record JudgedQuery(String query, List<String> relevant) {

    public static List<JudgedQuery> read(Path file) throws IOException {
        List<JudgedQuery> result = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t");
            if (parts.length < 2) {
                throw new IOException(file + ": expected 'query<TAB>paths' but found: " + line);
            }
            result.add(new JudgedQuery(parts[0].strip(), Arrays.stream(parts[1].strip().split("\\s+")).toList()));
        }
        return List.copyOf(result);
    }
}

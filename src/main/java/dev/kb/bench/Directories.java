package dev.kb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing what the benchmark made: corpora and data directories. */
final class Directories {
    private Directories() {
    }

    /** Deletes the directory's contents, and the directory too unless {@code keepRoot}; nothing when it is absent. */
    static void delete(Path dir, boolean keepRoot) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!keepRoot || !p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }
}

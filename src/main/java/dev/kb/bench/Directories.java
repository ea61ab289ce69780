package dev.kb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Copying courses the benchmark may change, and removing what it made: corpora and data directories. */
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

    /** Replaces {@code to} with a copy of {@code from}; links are copied as links, never followed out of it. */
    static void copy(Path from, Path to) throws IOException {
        delete(to, false);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}

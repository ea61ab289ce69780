package dev.kb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The courses tests read: the fixture course written for them, and the real course when ../shared is there. */
public final class Courses {
    private Courses() {
    }

    public static Path fixture() {
        try {
            return Path.of(Courses.class.getResource("/courses/fixture-course").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A writable copy of the fixture course, for tests that change files. */
    public static Path fixtureCopy(Path parent) {
        Path target = parent.resolve("fixture-course");
        copy(fixture(), target);
        return target;
    }

    public static Optional<Path> real() {
        Path shared = Path.of(System.getProperty("kb.shared.dir", "../shared"));
        Path course = shared.resolve("corpus/istio-kubernetes");
        return Files.isRegularFile(course.resolve("README.md")) ? Optional.of(course.toAbsolutePath().normalize())
                : Optional.empty();
    }

    /** The real course, or the test is skipped (not failed) where ../shared is absent. */
    public static Path assumeReal() {
        Optional<Path> real = real();
        Assumptions.assumeTrue(real.isPresent(), "../shared/corpus/istio-kubernetes is not here");
        return real.get();
    }

    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

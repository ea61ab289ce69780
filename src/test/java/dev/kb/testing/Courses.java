package dev.kb.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /**
     * A folder whose listing throws for this process, or null. Tests run as root, for whom permission bits stop
     * nothing, so it is one the kernel itself refuses to list: /proc/PID/map_files or fdinfo of a process this one
     * may not inspect (its own map_files without CAP_SYS_ADMIN).
     */
    public static Path unlistableFolder() throws IOException {
        List<Path> candidates = new ArrayList<>(List.of(Path.of("/proc/self/map_files")));
        if (Files.isDirectory(Path.of("/proc"))) {
            try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
                processes.filter(p -> p.getFileName().toString().matches("\\d+")).limit(64).forEach(p -> {
                    candidates.add(p.resolve("map_files"));
                    candidates.add(p.resolve("fdinfo"));
                });
            }
        }
        for (Path candidate : candidates) {
            if (!Files.isDirectory(candidate)) {
                continue;
            }
            try (DirectoryStream<Path> listing = Files.newDirectoryStream(candidate)) {
                listing.forEach(entry -> { });
            } catch (IOException | DirectoryIteratorException e) {
                return candidate.getParent().toRealPath().resolve(candidate.getFileName());
            }
        }
        return null;
    }

    /**
     * Writes {@code count} generated lessons into {@code dir}, each mentioning {@code word}: enough of them make an
     * index run take seconds, so a test can stop a process inside it.
     */
    public static void writeLessons(Path dir, int count, String word) throws IOException {
        Path lessons = Files.createDirectories(dir);
        String[] words = {"pod", "node", "service", "ingress", "volume", "secret", "probe", "quota", "taint",
                "gateway", "sidecar", "mesh", "policy", "replica", "rollout", "namespace", "label", "selector"};
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder("# Lesson ").append(i).append(": ").append(word).append(' ')
                    .append(words[i % words.length]).append("\n\n");
            for (int section = 0; section < 3; section++) {
                text.append("## Part ").append(section).append("\n\n");
                for (int sentence = 0; sentence < 6; sentence++) {
                    text.append("The ").append(word).append(' ').append(words[(i + sentence) % words.length])
                            .append(" meets the ").append(words[(i * 7 + section * 3 + sentence) % words.length])
                            .append(" in step ").append(i * 31 + section * 7 + sentence).append(". ");
                }
                text.append("\n\n```yaml\nkind: Lesson").append(i).append("\n```\n\n");
            }
            Files.writeString(lessons.resolve(String.format("lesson-%04d.md", i)), text,
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}

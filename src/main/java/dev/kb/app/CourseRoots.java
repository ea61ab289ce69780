package dev.kb.app;

import dev.kb.common.Forbidden;
import dev.kb.common.InvalidInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories courses may be registered from over the API. Without them the admin token would let kb read any
 * directory ({@code /etc}, {@code /proc/self}) and show its file listing in the public coverage report. Paths are
 * compared after symbolic links are resolved, so a link inside a root that points out of it is outside too.
 */
final class CourseRoots {
    private final List<Path> configured;

    CourseRoots(List<Path> configured) {
        this.configured = List.copyOf(configured);
    }

    /** A directory as it was named (absolute, normalised) and as it is on disk (every link resolved). */
    record Directory(Path named, Path real) {
    }

    /**
     * A directory inside a root. Outside every root is 403, before anything is said about whether it exists (no
     * probing the server's files); inside, a path that is no directory is a 400.
     */
    Directory require(String directory) {
        Path given;
        try {
            given = Path.of(directory).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidInput("path", "'" + directory + "' is not a usable path");
        }
        Path real = realPath(given);
        if (realRoots().stream().noneMatch(real::startsWith)) {
            // The path is not echoed: it may name server directories, and the roots are not listed either.
            throw new Forbidden("path", "the path is outside the course directories this server allows to register "
                    + "(its --course-roots)");
        }
        if (!Files.isDirectory(real)) {
            throw new InvalidInput("path", "'" + directory + "' is not a directory kb can read");
        }
        return new Directory(given, real);
    }

    /**
     * The path with every symbolic link resolved: of its deepest part that exists (a missing directory's parent
     * may be a link too), with the rest appended.
     */
    static Path realPath(Path absolute) {
        List<Path> missing = new ArrayList<>();
        for (Path part = absolute; part != null; part = part.getParent()) {
            try {
                Path real = part.toRealPath();
                for (int i = missing.size() - 1; i >= 0; i--) {
                    real = real.resolve(missing.get(i));
                }
                return real;
            } catch (IOException e) {
                missing.add(part.getFileName());
            }
        }
        return absolute;
    }

    /** Resolved on every request: a root may be created, or its link changed, while kb runs. */
    private List<Path> realRoots() {
        List<Path> roots = new ArrayList<>();
        for (Path root : configured) {
            try {
                roots.add(root.toAbsolutePath().normalize().toRealPath());
            } catch (IOException e) {
                // A root that does not exist (now) allows nothing.
            }
        }
        return roots;
    }
}

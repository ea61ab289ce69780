package dev.kb.catalog;

import dev.kb.ingest.CourseIds;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where a course comes from: a directory, or a git repository ({@code url}, {@code ref} — a branch, tag or commit,
 * null for the remote's HEAD — and an optional {@code subdir} holding the course). {@code poll}: how often the
 * repository is asked for a new commit (null: the catalog's default; zero: never).
 */
public record CourseSource(String id, Path directory, String url, String ref, String subdir, Duration poll) {

    public CourseSource {
        if (id == null || !CourseIds.isValid(id)) {
            throw new IllegalArgumentException("'" + id + "' is not a valid course id: use lower-case letters, "
                    + "digits, '.', '_' and '-' (at most 64)");
        }
        if ((directory == null) == (url == null)) {
            throw new IllegalArgumentException("give either a git URL or a directory path, not "
                    + (url == null ? "neither" : "both"));
        }
        if (url != null) {
            GitUrls.check(url);
            subdir = Subdirs.check(subdir);
            if (ref != null && (ref.isBlank() || ref.contains("..") || ref.chars().anyMatch(c -> c <= ' '))) {
                throw new IllegalArgumentException("ref '" + ref + "' is not a branch, tag or commit name");
            }
        } else if (ref != null || subdir != null) {
            throw new IllegalArgumentException("ref and subdir belong to a git source, not a directory");
        }
        if (poll != null && poll.isNegative()) {
            throw new IllegalArgumentException("poll must not be negative");
        }
    }

    public static CourseSource git(String id, String url, String ref, String subdir, Duration poll) {
        return new CourseSource(id, null, url, ref, subdir, poll);
    }

    public static CourseSource directory(String id, Path directory) {
        return new CourseSource(id, directory.toAbsolutePath().normalize(), null, null, null, null);
    }

    public boolean isGit() {
        return url != null;
    }

    /** The course id a git URL gets when none is given: its last path segment without {@code .git}. */
    public static String idFromUrl(String url) {
        String path = url.replaceAll("[/\\\\]+$", "");
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        if (name.endsWith(".git")) {
            name = name.substring(0, name.length() - 4);
        }
        return CourseIds.slug(name.isEmpty() ? "course" : name);
    }
}

package dev.kb.catalog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** The subdirectory of a repository that holds a course: relative, and never climbing out of the checkout. */
final class Subdirs {
    private Subdirs() {
    }

    /** The subdirectory normalised ({@code a/./b/} → {@code a/b}), null for the repository's root. */
    static String check(String subdir) {
        if (subdir == null || subdir.isBlank() || subdir.strip().equals(".") || subdir.strip().equals("/")) {
            return null;
        }
        String s = subdir.strip();
        Path p;
        try {
            p = Path.of(s).normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("subdir '" + subdir + "' is not a path");
        }
        if (s.startsWith("/") || s.startsWith("\\") || p.isAbsolute() || p.startsWith("..") || s.contains("\\")) {
            throw new IllegalArgumentException("subdir '" + subdir + "' climbs out of the repository: give a path "
                    + "inside it, such as 'course'");
        }
        String normal = p.toString();
        return normal.isEmpty() ? null : normal;
    }
}

package dev.kb.catalog;

import java.nio.file.Path;
import java.util.List;

/**
 * A working tree at a commit: {@code root} is the course (the subdirectory when one is configured);
 * {@code changed} the paths (relative to root) the diff from the indexed commit touched, or null when
 * it cannot say (no indexed commit, the working tree was elsewhere, the commit is gone); {@code ref} the full ref the commit came from (null for a commit id).
 */
record Checkout(Path root, Commit commit, String ref, List<String> changed) {
}

package dev.kb.ingest;

import dev.kb.model.RunIssue;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Lists the files of a course without ever leaving its root: symbolic links are resolved and dropped when
 * they point outside (or into a directory, which would invite loops), hidden folders such as {@code .git}
 * are not entered. Paths are course-relative with {@code /} and in Unicode NFC, the form links are written in.
 */
public final class CourseScanner {

    /** A regular file of the course; {@code file} is where to read it (a link's target, inside the root). */
    public record SourceFile(String path, Path file, long size) {
        public boolean isMarkdown() {
            String lower = path.toLowerCase(Locale.ROOT);
            return lower.endsWith(".md") || lower.endsWith(".markdown");
        }
    }

    public record Scan(Path root, List<SourceFile> files, List<RunIssue> issues) {
        public List<SourceFile> markdown() {
            return files.stream().filter(SourceFile::isMarkdown).toList();
        }

        public List<SourceFile> assets() {
            return files.stream().filter(f -> !f.isMarkdown()).toList();
        }
    }

    private CourseScanner() {
    }

    public static Scan scan(Path courseRoot) throws IOException {
        Path root = courseRoot.toRealPath();
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + courseRoot);
        }
        List<SourceFile> files = new ArrayList<>();
        List<RunIssue> issues = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = relative(root, file);
                if (file.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    symlink(root, file, path, files, issues);
                } else if (attrs.isRegularFile()) {
                    files.add(new SourceFile(path, file, attrs.size()));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                issues.add(new RunIssue(relative(root, file), RunIssue.Severity.SKIPPED, unreadable(e)));
                return FileVisitResult.CONTINUE;
            }

            /**
             * A folder whose listing fails part-way ({@code /proc/PID/map_files} refuses even root) ends here, not in
             * visitFileFailed: the walker hands the iterator's error to this method, whose default rethrows it and
             * would fail the whole run for one folder. What was listed before the error is kept.
             */
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    if (dir.equals(root)) {
                        throw e;
                    }
                    issues.add(new RunIssue(relative(root, dir), RunIssue.Severity.SKIPPED, unreadable(e)));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        files.sort(Comparator.comparing(SourceFile::path));
        return new Scan(root, List.copyOf(files), List.copyOf(issues));
    }

    private static void symlink(Path root, Path link, String path, List<SourceFile> files, List<RunIssue> issues) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            issues.add(new RunIssue(path, RunIssue.Severity.SKIPPED, "broken symbolic link"));
            return;
        }
        if (!target.startsWith(root)) {
            issues.add(new RunIssue(path, RunIssue.Severity.SKIPPED, "symbolic link points outside the course root"));
        } else if (Files.isDirectory(target)) {
            issues.add(new RunIssue(path, RunIssue.Severity.SKIPPED, "symbolic link to a directory is not followed"));
        } else if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                files.add(new SourceFile(path, target, Files.size(target)));
            } catch (IOException e) {
                issues.add(new RunIssue(path, RunIssue.Severity.SKIPPED, "cannot be read"));
            }
        }
    }

    private static String unreadable(IOException e) {
        return e instanceof java.nio.file.AccessDeniedException ? "cannot be read: access denied" : "cannot be read";
    }

    static String relative(Path root, Path file) {
        String path = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        return Normalizer.normalize(path, Normalizer.Form.NFC);
    }
}

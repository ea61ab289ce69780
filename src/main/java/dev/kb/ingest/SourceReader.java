package dev.kb.ingest;

import dev.kb.model.RunIssue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads a course's markdown files for a run: each through the course's no-link opener, cut to the size, nesting
 * and paragraph limits, decoded, hashed, with what went wrong reported as the run's issues. A file that cannot be
 * read is skipped and said, never a failed run.
 */
final class SourceReader {
    private final IngestLimits limits;

    SourceReader(IngestLimits limits) {
        this.limits = limits;
    }

    /** A markdown file read from disk: its text as far as it could be decoded, and the hash of its bytes. */
    record Loaded(CourseScanner.SourceFile source, String text, String hash, List<RunIssue> issues) {
        boolean usable() {
            return hash != null;
        }

        String path() {
            return source.path();
        }

        /** A file the git diff says is as the last run stored it: not read, its stored hash stands. */
        static Loaded unchanged(CourseScanner.SourceFile source, String storedHash) {
            return new Loaded(source, "", storedHash, List.of());
        }

        /** The same file without its text, for one whose hash says it needs no parsing. */
        Loaded withoutText() {
            return new Loaded(source, "", hash, issues);
        }
    }

    /** Reads a file where the scan found it ({@code relative}: a link's target inside the root, else its own path). */
    Loaded load(CourseRoot root, Path relative, CourseScanner.SourceFile source) {
        String path = source.path();
        Head head;
        try {
            head = Head.read(root, relative, limits.maxFileBytes());
        } catch (CourseRoot.Refused e) {
            return skipped(source, e.getMessage());
        } catch (IOException e) {
            return skipped(source, "cannot be read");
        }
        List<RunIssue> issues = new ArrayList<>();
        if (head.size() > limits.maxFileBytes()) {
            issues.add(new RunIssue(path, RunIssue.Severity.TRUNCATED, "larger than " + limits.maxFileBytes()
                    + " bytes (" + head.size() + "): only the beginning is indexed"));
        }
        TextDecoder.Decoded decoded = TextDecoder.decode(TextDecoder.truncate(head.bytes(), limits.maxFileBytes()));
        if (decoded.binary()) {
            return skipped(source, "binary content, not markdown");
        }
        decoded.warnings().forEach(w -> issues.add(new RunIssue(path, RunIssue.Severity.WARNING, w)));
        if (decoded.text().isBlank()) {
            issues.add(new RunIssue(path, RunIssue.Severity.WARNING, "empty file"));
        }
        String hash = HexFormat.of().formatHex(head.sha256());
        return new Loaded(source, decoded.text(), hash, List.copyOf(issues));
    }

    private static Loaded skipped(CourseScanner.SourceFile source, String why) {
        return new Loaded(source, "", null, List.of(new RunIssue(source.path(), RunIssue.Severity.SKIPPED, why)));
    }

    /**
     * The text that will be parsed, cut to the nesting and paragraph limits. Only text still held is bounded (an
     * unchanged file's was dropped): its cuts from the run that parsed it are carried over with the parse findings.
     */
    Loaded bound(Loaded l) {
        if (l.text().isEmpty()) {
            return l;
        }
        MarkdownBounds.Bounded bounded = MarkdownBounds.apply(l.text(), limits);
        if (bounded.cuts().isEmpty()) {
            return l;
        }
        List<RunIssue> issues = new ArrayList<>(l.issues());
        bounded.cuts().forEach(c -> issues.add(new RunIssue(l.path(), RunIssue.Severity.TRUNCATED, c)));
        return new Loaded(l.source(), bounded.text(), l.hash(), List.copyOf(issues));
    }
}
